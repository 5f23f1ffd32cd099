package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's section of {@code /actuator/mesh} and its request metrics.
 */
@GatewayIntegrationTest
class GatewayVisibilityIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private MeterRegistry registry;

	@Test
	void showsEveryRouteWithItsSourceAndSplitCounters() {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/shown", "/shown", "v1", 75, "v2", 25);
		policy.putAll(PolicyRoutesIntegrationTests.route("shop/broken", "/broken", "v1", 75, "v2", 20));
		TestMesh.push(this.context, policy);
		for (int i = 0; i < 8; i++) {
			assertThat(get(this.port, "/shown/items").statusCode()).isEqualTo(200);
		}
		JsonNode gateway = JsonMapper.builder()
			.build()
			.readTree(get(this.managementPort, "/actuator/mesh").body())
			.get("gateway");
		assertThat(gateway.get("policyVersion").asLong()).isPositive();
		JsonNode shown = route(gateway, "shop/shown");
		assertThat(shown.get("source").asString()).isEqualTo("policy");
		assertThat(shown.get("uri").asString()).isEqualTo("lb://catalog");
		assertThat(shown.get("predicate").asString()).isEqualTo("pathPrefix=/shown");
		assertThat(shown.get("filters").get(0).asString()).isEqualTo("[[StripPrefix parts = 1], order = 1]");
		assertThat(shown.get("split").findValuesAsString("subset")).containsExactly("v1", "v2");
		assertThat(shown.get("split").findValues("requests")).extracting(JsonNode::asLong).containsExactly(6L, 2L);
		assertThat(route(gateway, "yml-storefront").get("source").asString()).isEqualTo("spring-cloud-gateway");
		assertThat(gateway.get("rejected").get("shop/broken").get(0).asString())
			.isEqualTo("mesh.gateway.routes[shop/broken].destinations: weights must sum to 100, not 95");
		assertThat(gateway.get("rejected").get("yml-evil").get(0).asString()).startsWith("filters[0].args.");
	}

	@Test
	void countsRequestsByRouteAndSubset() {
		TestMesh.push(this.context, PolicyRoutesIntegrationTests.route("shop/counted", "/counted", "v1", 50, "v2", 50));
		for (int i = 0; i < 10; i++) {
			get(this.port, "/counted/items");
		}
		for (String subset : List.of("v1", "v2")) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.registry.find("mesh.gateway.requests")
					.tag("mesh.route", "shop/counted")
					.tag("mesh.destination", "catalog")
					.tag("mesh.subset", subset)
					.tag("outcome", "SUCCESS")
					.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isEqualTo(5.0)));
		}
	}

	static JsonNode route(JsonNode gateway, String id) {
		for (JsonNode route : gateway.get("routes")) {
			if (id.equals(route.get("id").asString())) {
				return route;
			}
		}
		throw new AssertionError("No route " + id + " in " + gateway);
	}

	private HttpResponse<String> get(int port, String path) {
		return TestMesh.get(this.http, port, path);
	}

}
