package dev.mesh.gateway;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct forwarding against Spring Cloud Gateway: two gateways with the same routes and
 * backends, one serving mesh routes directly, one with direct forwarding off; the same
 * request through each must reach the backend the same and come back the same.
 */
class DirectForwardingIntegrationTests {

	private static final String ECHO = "mesh.gateway.routes[shop/echo].";

	private static final String SPLIT = "mesh.gateway.routes[shop/split].";

	private static final String RETRY = "mesh.gateway.routes[shop/retry].";

	private static final String SLOW = "mesh.gateway.routes[shop/slow].";

	private static final String NOWHERE = "mesh.gateway.routes[shop/nowhere].";

	private static Backend v1;

	private static Backend v2;

	private static Backend down;

	private static ConfigurableApplicationContext direct;

	private static ConfigurableApplicationContext webflux;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeAll
	static void start() throws Exception {
		v1 = Backend.start("catalog@v1");
		v2 = Backend.start("catalog@v2");
		down = Backend.start("catalog@down");
		int closed = down.port();
		down.close();
		direct = gateway(true, closed);
		webflux = gateway(false, closed);
	}

	private static ConfigurableApplicationContext gateway(boolean directForwarding, int closedPort) {
		return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run(Stream
			.of("spring.application.name=gateway", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
					"mesh.discovery.drain-delay=0s", "mesh.gateway.direct.enabled=" + directForwarding,
					"mesh.discovery.static.services.catalog[0].url=" + v1.url(),
					"mesh.discovery.static.services.catalog[0].version=v1",
					"mesh.discovery.static.services.catalog[1].url=" + v2.url(),
					"mesh.discovery.static.services.catalog[1].version=v2",
					"mesh.discovery.static.services.gone[0].url=http://127.0.0.1:" + closedPort,
					"mesh.discovery.static.services.gone[0].version=v1",
					"mesh.outbound.destinations.catalog.subsets.v1.labels.version=v1",
					"mesh.outbound.destinations.catalog.subsets.v2.labels.version=v2",
					"mesh.outbound.destinations.catalog.cohort.enabled=true",
					"mesh.outbound.destinations.catalog.retries.attempts=1", ECHO + "service=catalog",
					ECHO + "match.path-prefix=/echo", ECHO + "strip-prefix=1", ECHO + "destinations[0].subset=v1",
					ECHO + "destinations[0].weight=100", SPLIT + "service=catalog", SPLIT + "match.path-prefix=/split",
					SPLIT + "destinations[0].subset=v1", SPLIT + "destinations[0].weight=90",
					SPLIT + "destinations[1].subset=v2", SPLIT + "destinations[1].weight=10", RETRY + "service=catalog",
					RETRY + "match.path-prefix=/retry", RETRY + "strip-prefix=1", RETRY + "retries.attempts=3",
					RETRY + "retries.retry-on[0]=503", RETRY + "retries.backoff=1ms", SLOW + "service=catalog",
					SLOW + "match.path-prefix=/slow", SLOW + "timeout=200ms", SLOW + "destinations[0].subset=v2",
					SLOW + "destinations[0].weight=100", NOWHERE + "service=gone", NOWHERE + "match.path-prefix=/gone")
			.map((property) -> "--" + property)
			.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		Stream.of(direct, webflux).filter((context) -> context != null).forEach(ConfigurableApplicationContext::close);
		Stream.of(v1, v2).filter((backend) -> backend != null).forEach(Backend::close);
	}

	@BeforeEach
	void reset() {
		v1.reset();
		v2.reset();
	}

	@Test
	void servesMeshRoutesDirectlyAndSaysSo() throws Exception {
		long before = section(direct).get("served").asLong();
		assertThat(get(direct, "/echo/items").statusCode()).isEqualTo(200);
		JsonNode section = section(direct);
		assertThat(section.get("on").asBoolean()).as(section.toString()).isTrue();
		assertThat(section.get("served").asLong()).isEqualTo(before + 1);
		assertThat(section.get("routes").get("shop/echo").asString()).isEqualTo("direct");
		JsonNode off = section(webflux);
		assertThat(off).as("no section when direct forwarding is off").isNull();
	}

	@Test
	void sendsTheBackendWhatSpringCloudGatewaySends() throws Exception {
		String[] headers = { "X-Custom", "a", "Cookie", "session=1; theme=dark", "X-Forwarded-For", "6.6.6.6",
				"X-Forwarded-Host", "evil.example", "Forwarded", "for=6.6.6.6", "Connection", "close, X-Private",
				"X-Private", "secret", "Accept", "text/plain", "User-Agent", "test/1" };
		long served = served();
		Backend.Received viaDirect = receivedThrough(direct, "/echo/a/b%20c/?q=1&q=2&x=%2F", headers);
		assertThat(served()).as("served directly").isEqualTo(served + 1);
		Backend.Received viaWebFlux = receivedThrough(webflux, "/echo/a/b%20c/?q=1&q=2&x=%2F", headers);
		assertThat(viaDirect.method()).isEqualTo(viaWebFlux.method());
		assertThat(viaDirect.uri()).isEqualTo(viaWebFlux.uri()).isEqualTo("/a/b%20c/?q=1&q=2&x=%2F");
		assertThat(comparable(viaDirect.headers())).isEqualTo(comparable(viaWebFlux.headers()));
		assertThat(viaDirect.header("X-Private")).isNull();
		assertThat(viaDirect.header("X-Forwarded-Host")).isNull();
		assertThat(viaDirect.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
	}

	@Test
	void framesRequestsWithoutABodyAsSpringCloudGatewayDoes() throws Exception {
		for (String method : new String[] { "GET", "HEAD", "DELETE", "OPTIONS", "PUT", "POST", "PATCH" }) {
			for (String[] headers : new String[][] { { "Connection", "close" },
					{ "Connection", "close", "Content-Length", "0" } }) {
				long served = served();
				Backend.Received viaDirect = received(v1, direct, method, "/echo/items", headers);
				assertThat(served()).as("served directly").isEqualTo(served + 1);
				Backend.Received viaWebFlux = received(v1, webflux, method, "/echo/items", headers);
				assertThat(viaDirect.method()).isEqualTo(viaWebFlux.method()).isEqualTo(method);
				assertThat(comparable(viaDirect.headers())).as(method + " " + String.join(": ", headers))
					.isEqualTo(comparable(viaWebFlux.headers()));
			}
		}
	}

	@Test
	void answersTheClientWhatSpringCloudGatewayAnswers() throws Exception {
		long served = served();
		for (int status : new int[] { 200, 404, 500 }) {
			v1.status(status);
			HttpResponse<String> viaDirect = get(direct, "/echo/items");
			HttpResponse<String> viaWebFlux = get(webflux, "/echo/items");
			assertThat(viaDirect.statusCode()).isEqualTo(viaWebFlux.statusCode()).isEqualTo(status);
			assertThat(viaDirect.body()).isEqualTo(viaWebFlux.body()).isEqualTo("catalog@v1 /items");
			assertThat(comparable(viaDirect.headers().map())).isEqualTo(comparable(viaWebFlux.headers().map()));
		}
		assertThat(served()).as("served directly").isEqualTo(served + 3);
	}

	@Test
	void headRequestsAndHeadersOfTheAnswerMatch() throws Exception {
		HttpResponse<String> viaDirect = send(direct, "HEAD", "/echo/items");
		HttpResponse<String> viaWebFlux = send(webflux, "HEAD", "/echo/items");
		assertThat(viaDirect.statusCode()).isEqualTo(viaWebFlux.statusCode()).isEqualTo(200);
		assertThat(comparable(viaDirect.headers().map())).isEqualTo(comparable(viaWebFlux.headers().map()));
	}

	@Test
	void splitsExactlyByWeightWithTheCohortHeader() throws Exception {
		for (int i = 0; i < 100; i++) {
			assertThat(get(direct, "/split/items").statusCode()).isEqualTo(200);
		}
		assertThat(v1.requests()).isEqualTo(90);
		assertThat(v2.requests()).isEqualTo(10);
		assertThat(v2.received().get(0).header("x-mesh-cohort")).isNotNull();
	}

	@Test
	void retriesAnAnswerItIsToldToRetry() throws Exception {
		v1.status(503);
		v2.status(200);
		int answered = 0;
		for (int i = 0; i < 10; i++) {
			answered += (get(direct, "/retry/items").statusCode() == 200) ? 1 : 0;
		}
		// Each request tries an instance until one answers 200: both instances share
		// the load, so some first attempts hit v1 and are retried on v2.
		assertThat(answered).isEqualTo(10);
		assertThat(v1.requests()).isPositive();
		assertThat(v2.requests()).isEqualTo(10);
	}

	@Test
	void failsAsSpringCloudGatewayFails() throws Exception {
		v2.delay(Duration.ofSeconds(2));
		assertStatusAndType("/slow/items", 504);
		assertStatusAndType("/gone/items", 500);
	}

	@Test
	void leavesRequestsWithABodyToWebFlux() throws Exception {
		long before = section(direct).get("served").asLong();
		HttpRequest request = HttpRequest.newBuilder(uri(direct, "/echo/items"))
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.timeout(Duration.ofSeconds(20))
			.build();
		assertThat(this.http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(v1.received().get(0).body()).isEqualTo("hello");
		assertThat(section(direct).get("served").asLong()).isEqualTo(before);
	}

	@Test
	void leavesRequestsAcceptingHtmlToWebFluxWhichAnswersErrorsInHtml() throws Exception {
		v2.delay(Duration.ofSeconds(2));
		long before = served();
		HttpRequest request = HttpRequest.newBuilder(uri(direct, "/slow/items"))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.timeout(Duration.ofSeconds(20))
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(served()).isEqualTo(before);
	}

	@Test
	void sendsThePathAndQueryAsSpringCloudGatewayRewritesThem() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		for (String target : List.of("/echo/items?", "/echo/items?x=1&&y&", "/echo/items?=b&c")) {
			softly.assertThat(receivedThrough(direct, target, "Connection", "close").uri())
				.as(target)
				.isEqualTo(receivedThrough(webflux, target, "Connection", "close").uri());
		}
		softly.assertThat(receivedThrough(v2, direct, "/slow//items/", "Connection", "close").uri())
			.as("/slow//items/")
			.isEqualTo(receivedThrough(v2, webflux, "/slow//items/", "Connection", "close").uri());
		softly.assertAll();
	}

	@Test
	void countsItsRequestsInSpringBootsServerMetricsAsWebFluxDoes() throws Exception {
		for (ConfigurableApplicationContext gateway : List.of(direct, webflux)) {
			long before = serverRequests(gateway);
			for (int i = 0; i < 3; i++) {
				assertThat(get(gateway, "/echo/items").statusCode()).isEqualTo(200);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(serverRequests(gateway)).as("http.server.requests").isEqualTo(before + 3));
		}
	}

	private static long serverRequests(ConfigurableApplicationContext gateway) {
		return gateway.getBean(MeterRegistry.class)
			.find("http.server.requests")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private void assertStatusAndType(String path, int status) throws Exception {
		long served = served();
		HttpResponse<String> viaDirect = get(direct, path);
		assertThat(served()).as("served directly").isEqualTo(served + 1);
		HttpResponse<String> viaWebFlux = get(webflux, path);
		assertThat(viaDirect.statusCode()).as(path).isEqualTo(viaWebFlux.statusCode()).isEqualTo(status);
		assertThat(viaDirect.headers().firstValue("Content-Type"))
			.isEqualTo(viaWebFlux.headers().firstValue("Content-Type"));
		JsonNode body = JsonMapper.builder().build().readTree(viaDirect.body());
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("path").asString()).isEqualTo(path);
	}

	/**
	 * Send a request as written, on a connection of its own (the JDK's client refuses to
	 * send some of the headers), and return what the backend received.
	 */
	private Backend.Received receivedThrough(ConfigurableApplicationContext gateway, String path, String... headers)
			throws Exception {
		return receivedThrough(v1, gateway, path, headers);
	}

	private Backend.Received receivedThrough(Backend backend, ConfigurableApplicationContext gateway, String path,
			String... headers) throws Exception {
		return received(backend, gateway, "GET", path, headers);
	}

	private Backend.Received received(Backend backend, ConfigurableApplicationContext gateway, String method,
			String path, String... headers) throws Exception {
		backend.reset();
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		request.append("\r\n");
		int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(answer).startsWith("HTTP/1.1 200 OK");
		}
		return backend.received().get(0);
	}

	/**
	 * Headers by lower-case name, without those that differ from one connection or one
	 * moment to the next.
	 */
	private static Map<String, List<String>> comparable(Map<String, List<String>> headers) {
		Map<String, List<String>> comparable = new TreeMap<>();
		headers.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.equals("date") && !lower.equals(":status")) {
				comparable.put(lower, new ArrayList<>(values));
			}
		});
		return comparable;
	}

	private HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
		return send(gateway, "GET", path);
	}

	private HttpResponse<String> send(ConfigurableApplicationContext gateway, String method, String path)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(gateway, path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext gateway, String path) {
		return URI.create("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port") + path);
	}

	private long served() throws Exception {
		return section(direct).get("served").asLong();
	}

	private JsonNode section(ConfigurableApplicationContext gateway) throws Exception {
		String port = gateway.getEnvironment().getProperty("local.management.port");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/mesh")).build(),
				BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body()).get("gatewayDirect");
	}

}
