package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.ResilienceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Circuit breakers of the destination's policy on mesh routes and Spring Cloud Gateway
 * {@code lb://} routes. Each test sets its own {@code wait-in-open-state}, so that it
 * gets a breaker of its own rather than the one the previous test left open.
 */
@GatewayIntegrationTest
class GatewayCircuitBreakerIntegrationTests {

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
	void opensOnFailuresOfAMeshRouteAndRefusesWithoutCallingTheBackend() {
		push("catalog", "30s");
		double rejected = count("mesh.circuitbreaker.rejected", "mesh.route", "shop/broken");
		double opened = count("mesh.circuitbreaker.transitions", "to", "OPEN");
		this.v1.status(500);
		for (int i = 0; i < 4; i++) {
			assertThat(get("/broken/items").statusCode()).isEqualTo(500);
		}
		HttpResponse<String> refused = get("/broken/items");
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("x-mesh-refused")).hasValue("circuit-open");
		assertThat(this.v1.requests()).isEqualTo(4);
		assertThat(state("catalog").circuitBreaker().state()).isEqualTo("OPEN");
		assertThat(count("mesh.circuitbreaker.rejected", "mesh.route", "shop/broken")).isEqualTo(rejected + 1);
		assertThat(count("mesh.circuitbreaker.transitions", "to", "OPEN")).isEqualTo(opened + 1);
	}

	@Test
	void opensOnFailuresOfASpringCloudGatewayRouteAndShowsIt() {
		Backend storefront = TestMesh.backends().storefront();
		push("storefront", "31s");
		storefront.status(502);
		for (int i = 0; i < 4; i++) {
			assertThat(get("/yml/home").statusCode()).isEqualTo(502);
		}
		HttpResponse<String> refused = get("/yml/home");
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("x-mesh-refused")).hasValue("circuit-open");
		assertThat(storefront.requests()).isEqualTo(4);
		JsonNode shown = null;
		for (JsonNode destination : actuator().get("resilience")) {
			shown = "storefront".equals(destination.get("service").asString()) ? destination : shown;
		}
		assertThat(shown).isNotNull();
		assertThat(shown.get("circuitBreaker").get("state").asString()).isEqualTo("OPEN");
		assertThat(shown.get("circuitBreaker").get("failedCalls").asInt()).isEqualTo(4);
	}

	@Test
	void letsOneProbeThroughWhenHalfOpenAndClosesWhenItSucceeds() {
		push("catalog", "200ms");
		this.v1.status(500);
		for (int i = 0; i < 4; i++) {
			assertThat(get("/broken/items").statusCode()).isEqualTo(500);
		}
		this.v1.reset();
		this.v1.delay(Duration.ofSeconds(3));
		CompletableFuture<HttpResponse<String>> probe = CompletableFuture
			.supplyAsync(() -> await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> get("/broken/items"), (response) -> response.statusCode() != 503));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.v1.requests() == 1);
		assertThat(state("catalog").circuitBreaker().state()).isEqualTo("HALF_OPEN");
		HttpResponse<String> second = get("/broken/items");
		assertThat(second.statusCode()).isEqualTo(503);
		assertThat(second.headers().firstValue("x-mesh-refused")).hasValue("circuit-open");
		assertThat(probe.join().statusCode()).isEqualTo(200);
		assertThat(state("catalog").circuitBreaker().state()).isEqualTo("CLOSED");
		this.v1.delay(Duration.ZERO);
		assertThat(get("/broken/items").statusCode()).isEqualTo(200);
		assertThat(this.v1.requests()).isEqualTo(2);
	}

	private void push(String service, String waitInOpenState) {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/broken", "/broken", "v1", 100, "v2", 0);
		String breaker = "mesh.outbound.destinations." + service + ".circuit-breaker.";
		policy.put(breaker + "sliding-window-size", "4");
		policy.put(breaker + "minimum-calls", "4");
		policy.put(breaker + "failure-rate-threshold", "50");
		policy.put(breaker + "half-open-calls", "1");
		policy.put(breaker + "wait-in-open-state", waitInOpenState);
		// The breaker is under test, not the load balancer's ejection of failing
		// instances
		policy.put("mesh.outbound.destinations." + service + ".outlier-detection.consecutive-errors", "0");
		TestMesh.push(this.context, policy);
	}

	private ResilienceState state(String service) {
		return this.resilience.describe()
			.stream()
			.filter((state) -> state.service().equals(service))
			.findFirst()
			.orElseThrow();
	}

	private double count(String name, String tag, String value) {
		Counter counter = this.registry.find(name).tag("mesh.destination", "catalog").tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private JsonNode actuator() {
		int management = this.context.getEnvironment().getProperty("local.management.port", Integer.class);
		return JsonMapper.builder().build().readTree(TestMesh.get(this.http, management, "/actuator/mesh").body());
	}

	private HttpResponse<String> get(String path) {
		return TestMesh.get(this.http, this.port, path);
	}

}
