package dev.mesh.gateway;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct forwarding's own client against a backend written on sockets: connections kept
 * and reused, given up when the backend closes them or an answer is not read to its end,
 * long answers streamed whole, a silent backend timed out.
 */
class DirectUpstreamIntegrationTests {

	private static final String RAW = "mesh.gateway.routes[shop/raw].";

	private static final String PATIENT = "mesh.gateway.routes[shop/patient].";

	private static RawBackend backend;

	private static ConfigurableApplicationContext gateway;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeAll
	static void start() throws Exception {
		backend = RawBackend.start();
		gateway = new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run(Stream
			.of("spring.application.name=gateway", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
					"mesh.discovery.drain-delay=0s", "mesh.discovery.static.services.raw[0].url=" + backend.url(),
					"mesh.discovery.static.services.raw[0].version=v1", RAW + "service=raw",
					RAW + "match.path-prefix=/raw", RAW + "strip-prefix=1", RAW + "retries.attempts=1",
					PATIENT + "service=raw", PATIENT + "match.path-prefix=/patient", PATIENT + "strip-prefix=1",
					PATIENT + "retries.attempts=2", PATIENT + "retries.retry-on[0]=429",
					PATIENT + "retries.per-try-timeout=300ms")
			.map((property) -> "--" + property)
			.toArray(String[]::new));
	}

	@AfterAll
	static void stop() throws Exception {
		if (gateway != null) {
			gateway.close();
		}
		if (backend != null) {
			backend.close();
		}
	}

	@Test
	void reusesItsConnectionsAndSaysSo() throws Exception {
		int before = backend.accepted();
		for (int i = 0; i < 50; i++) {
			HttpResponse<String> response = get("/raw/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("ok");
		}
		// One client connection is served on one event loop: its requests share one
		// backend connection (at most one per loop of the gateway)
		assertThat(backend.accepted() - before)
			.isLessThanOrEqualTo(Math.max(4, Runtime.getRuntime().availableProcessors()));
		assertThat(backend.lastRequest()).startsWith("GET /ok HTTP/1.1\r\n")
			.containsIgnoringCase("\r\nhost: 127.0.0.1:" + URI.create(backend.url()).getPort() + "\r\n");
		JsonNode upstream = section().get("upstream");
		assertThat(upstream.get("client").asString()).isEqualTo("netty");
		assertThat(upstream.get("open").asInt()).isPositive();
		assertThat(upstream.get("idle").asInt()).isPositive();
		MeterRegistry registry = gateway.getBean(MeterRegistry.class);
		assertThat(registry.get("mesh.gateway.direct.connections").tag("state", "open").gauge().value()).isPositive();
		assertThat(registry.get("mesh.gateway.direct.connections").tag("state", "idle").gauge().value()).isPositive();
	}

	@Test
	void answersWhenTheBackendClosedAKeptConnection() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(get("/raw/then-close").statusCode()).isEqualTo(200);
			assertThat(get("/raw/ok").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void sendsARequestAgainOnANewConnectionWhenAKeptOneClosesUnanswered() throws Exception {
		int dropped = backend.dropped();
		for (int i = 0; i < 10; i++) {
			assertThat(get("/raw/arm").statusCode()).isEqualTo(200);
			assertThat(get("/raw/ok").statusCode()).isEqualTo(200);
		}
		assertThat(backend.dropped()).as("requests that met a closing connection").isGreaterThan(dropped);
	}

	@Test
	void opensANewConnectionAfterConnectionClose() throws Exception {
		int before = backend.accepted();
		for (int i = 0; i < 5; i++) {
			assertThat(get("/raw/close").body()).isEqualTo("ok");
		}
		// The first may take a connection kept from an earlier request; each later one
		// needs a new connection
		assertThat(backend.accepted() - before).isGreaterThanOrEqualTo(4);
	}

	@Test
	void streamsALongAnswerWhole() throws Exception {
		for (String path : new String[] { "/raw/chunked", "/raw/long" }) {
			HttpResponse<byte[]> response = this.http.send(request(path), BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			byte[] body = response.body();
			assertThat(body).hasSize(path.endsWith("chunked") ? RawBackend.CHUNKED_LENGTH : RawBackend.LONG_LENGTH);
			for (int i = 0; i < body.length; i++) {
				if (body[i] != RawBackend.at(i)) {
					throw new AssertionError(path + " differs at " + i);
				}
			}
		}
		assertThat(get("/raw/ok").statusCode()).as("the connection serves on").isEqualTo(200);
	}

	@Test
	void answers504WhenTheBackendIsSilentPastThePerTryTimeout() throws Exception {
		int closed = backend.closedByClient();
		long start = System.nanoTime();
		HttpResponse<String> response = get("/patient/silent");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(5));
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(backend.closedByClient()).as("the connection is given up").isGreaterThan(closed));
	}

	@Test
	void readsALongAnswerOnlyAsFastAsTheClientTakesIt() throws Exception {
		long before = backend.trickled();
		try (Socket socket = new Socket("127.0.0.1", port("local.server.port"))) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /raw/trickle HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.getInputStream().read(new byte[4096])).isPositive();
			// The client reads no more: what the backend can write is what the sockets'
			// buffers and one read of the gateway hold, far from the 64 MiB answer
			Awaitility.await()
				.during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> backend.trickled() - before < 32 * 1024 * 1024);
		}
	}

	@Test
	void givesUpTheBackendConnectionWhenTheClientLeavesMidAnswer() throws Exception {
		int closed = backend.closedByClient();
		try (Socket socket = new Socket("127.0.0.1", port("local.server.port"))) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /raw/trickle HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			int read = 0;
			while (read < 4096) {
				int n = in.read(buffer);
				assertThat(n).isPositive();
				read += n;
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(backend.closedByClient()).isGreaterThan(closed));
		assertThat(get("/raw/ok").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return TestMesh.get(this.http, port("local.server.port"), path);
	}

	private static HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("local.server.port") + path))
			.timeout(Duration.ofSeconds(20))
			.build();
	}

	private static int port(String property) {
		return Integer.parseInt(gateway.getEnvironment().getProperty(property));
	}

	private JsonNode section() {
		return JsonMapper.builder()
			.build()
			.readTree(TestMesh.get(this.http, port("local.management.port"), "/actuator/mesh").body())
			.get("gatewayDirect");
	}

}
