package dev.mesh.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts, retries, faults, rate limits and size limits of gateway routes.
 */
@GatewayIntegrationTest
class RouteResilienceIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	private Backend v1;

	@BeforeEach
	void resetBackends() {
		TestMesh.backends().reset();
		this.v1 = TestMesh.backends().catalogV1();
	}

	@Test
	void answers504WhenTheRoutesTimeoutElapsesAndTellsTheBackendItsDeadline() {
		push("timeout", "1s");
		assertThat(get("/guarded/items").statusCode()).isEqualTo(200);
		assertThat(Long.parseLong(this.v1.received().get(0).header("x-mesh-deadline"))).isBetween(1L, 1000L);
		this.v1.delay(Duration.ofSeconds(10));
		assertThat(get("/guarded/items").statusCode()).isEqualTo(504);
	}

	@Test
	void retriesIdempotentRequestsOnTheConfiguredStatuses() throws Exception {
		push("retries.attempts", "3", "retries.retry-on[0]", "503", "retries.backoff", "10ms");
		this.v1.status(503);
		assertThat(get("/guarded/items").statusCode()).isEqualTo(503);
		assertThat(this.v1.requests()).isEqualTo(3);
		this.v1.reset();
		this.v1.status(503);
		HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/guarded/orders"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		assertThat(this.http.send(post, BodyHandlers.ofString()).statusCode()).isEqualTo(503);
		assertThat(this.v1.requests()).isEqualTo(1);
	}

	@Test
	void injectsFaultsWithoutCallingTheBackend() {
		push("fault.abort.percent", "100", "fault.abort.status", "418");
		HttpResponse<String> response = get("/guarded/items");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.headers().firstValue("x-mesh-fault")).hasValue("abort");
		assertThat(this.v1.requests()).isZero();
	}

	@Test
	void limitsEachClientsRateWithoutBelievingSpoofedAddresses() {
		push("rate-limit.requests-per-second", "1", "rate-limit.burst", "2");
		for (int i = 0; i < 3; i++) {
			assertThat(get("/guarded/items", "X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> limited = get("/guarded/items", "X-Forwarded-For", "203.0.113.99");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.v1.requests()).isEqualTo(3);
	}

	@Test
	void limitsRatesOfSpringCloudGatewayRoutesWithLocalBuckets() {
		int allowed = 0;
		for (int i = 0; i < 6; i++) {
			allowed += (get("/limited/products").statusCode() == 200) ? 1 : 0;
		}
		assertThat(allowed).isBetween(3, 4);
		assertThat(get("/limited/products").statusCode()).isEqualTo(429);
	}

	@Test
	void refusesBodiesLargerThanTheLimitWhetherTheirLengthIsKnownOrNot() throws Exception {
		push();
		byte[] large = new byte[100 * 1024];
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/guarded/upload");
		HttpResponse<String> declared = this.http.send(
				HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(large)).build(),
				BodyHandlers.ofString());
		assertThat(declared.statusCode()).isEqualTo(413);
		HttpResponse<String> chunked = this.http.send(HttpRequest.newBuilder(uri)
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
			.build(), BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(this.v1.received()).noneMatch((received) -> received.body().length() >= large.length);
		HttpResponse<String> small = this.http.send(
				HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])).build(),
				BodyHandlers.ofString());
		assertThat(small.statusCode()).isEqualTo(200);
	}

	private void push(String... settings) {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/guarded", "/guarded", "v1", 100, "v2", 0);
		for (int i = 0; i < settings.length; i += 2) {
			policy.put("mesh.gateway.routes[shop/guarded]." + settings[i], settings[i + 1]);
		}
		TestMesh.push(this.context, policy);
	}

	private HttpResponse<String> get(String path, String... headers) {
		return TestMesh.get(this.http, this.port, path, headers);
	}

}
