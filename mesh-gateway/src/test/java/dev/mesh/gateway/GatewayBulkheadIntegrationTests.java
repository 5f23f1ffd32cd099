package dev.mesh.gateway;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.ResilienceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulkheads of the destination's policy on gateway routes: calls in flight beyond the
 * limit are refused without reaching the backend, and a client that goes away gives its
 * slot back.
 */
@GatewayIntegrationTest
class GatewayBulkheadIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private MeshResilience resilience;

	@Autowired
	private MeterRegistry registry;

	private Backend v1;

	@BeforeEach
	void resetBackends() {
		TestMesh.backends().reset();
		this.v1 = TestMesh.backends().catalogV1();
	}

	@Test
	void refusesCallsBeyondTheLimitWhileTheBackendIsSlow() {
		push(2);
		double rejected = rejected();
		this.v1.delay(Duration.ofSeconds(3));
		List<CompletableFuture<HttpResponse<String>>> slow = List.of(
				CompletableFuture.supplyAsync(() -> get("/crowded/items")),
				CompletableFuture.supplyAsync(() -> get("/crowded/items")));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.v1.requests() == 2);
		assertThat(bulkhead().inFlight()).isEqualTo(2);
		HttpResponse<String> refused = get("/crowded/items");
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("x-mesh-refused")).hasValue("bulkhead-full");
		assertThat(this.v1.requests()).isEqualTo(2);
		assertThat(slow).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
		assertThat(bulkhead().inFlight()).isZero();
		assertThat(rejected()).isEqualTo(rejected + 1);
	}

	@Test
	void givesTheSlotBackWhenTheClientGoesAway() throws Exception {
		push(1);
		this.v1.delay(Duration.ofSeconds(20));
		try (Socket client = new Socket("127.0.0.1", this.port)) {
			OutputStream out = client.getOutputStream();
			out.write("GET /crowded/items HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.v1.requests() == 1);
			assertThat(get("/crowded/items").headers().firstValue("x-mesh-refused")).hasValue("bulkhead-full");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> bulkhead().inFlight() == 0);
		this.v1.delay(Duration.ZERO);
		assertThat(get("/crowded/items").statusCode()).isEqualTo(200);
		assertThat(this.v1.requests()).isEqualTo(2);
	}

	private void push(int maxConcurrentCalls) {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/crowded", "/crowded", "v1", 100, "v2", 0);
		policy.put("mesh.outbound.destinations.catalog.bulkhead.max-concurrent-calls",
				Integer.toString(maxConcurrentCalls));
		TestMesh.push(this.context, policy);
	}

	private double rejected() {
		Counter counter = this.registry.find("mesh.bulkhead.rejected")
			.tag("mesh.destination", "catalog")
			.tag("mesh.route", "shop/crowded")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private ResilienceState.BulkheadState bulkhead() {
		return this.resilience.describe()
			.stream()
			.filter((state) -> state.service().equals("catalog"))
			.findFirst()
			.orElseThrow()
			.bulkhead();
	}

	private HttpResponse<String> get(String path) {
		return TestMesh.get(this.http, this.port, path);
	}

}
