package dev.mesh.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.gateway.edge.GlobalRateLimiter;
import dev.mesh.gateway.edge.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances sharing one real Redis enforce one rate limit per client on a
 * policy route.
 */
class GlobalRateLimitIntegrationTests {

	private static final String ROUTE = "mesh.gateway.routes[shop/limited].";

	private static RedisServer redis;

	private static Backend catalog;

	private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() throws Exception {
		redis = RedisServer.start();
		catalog = Backend.start("catalog@v1");
		for (int i = 0; i < 2; i++) {
			gateways.add(new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run(arguments(
					"spring.application.name=gateway", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
					"mesh.discovery.drain-delay=0s", "mesh.discovery.static.services.catalog[0].url=" + catalog.url(),
					"mesh.discovery.static.services.catalog[0].version=v1",
					"mesh.outbound.destinations.catalog.subsets.v1.labels.version=v1", ROUTE + "service=catalog",
					ROUTE + "match.path-prefix=/limited", ROUTE + "strip-prefix=1", ROUTE + "destinations[0].subset=v1",
					ROUTE + "destinations[0].weight=100", ROUTE + "rate-limit.requests-per-second=1",
					ROUTE + "rate-limit.burst=3", "mesh.gateway.edge.client-key-header=X-Api-Key",
					"mesh.gateway.rate-limit.global.enabled=true", "mesh.gateway.rate-limit.global.timeout=5s",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port())));
		}
	}

	@AfterAll
	static void stop() {
		gateways.forEach(ConfigurableApplicationContext::close);
		if (catalog != null) {
			catalog.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void twoGatewaysSharingOneRedisEnforceOneLimitPerClient() throws Exception {
		long allowedBefore = global(0).stats().allowed() + global(1).stats().allowed();
		long start = System.nanoTime();
		int allowed = 0;
		for (int i = 0; i < 20; i++) {
			int status = get(gateways.get(i % 2), "/limited/items", "team-a").statusCode();
			assertThat(status).isIn(200, 429);
			allowed += (status == 200) ? 1 : 0;
		}
		long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		// Each gateway alone would let 4 of its 10 through (1/s plus a burst of 3)
		assertThat(allowed).isBetween(4, 4 + (int) refilled);
		assertThat(global(0).stats().allowed() + global(1).stats().allowed() - allowedBefore).isEqualTo(allowed);
		assertThat(get(gateways.get(0), "/limited/items", "team-b").statusCode()).as("another client").isEqualTo(200);
	}

	@Test
	void showsTheGlobalLimitInTheMeshEndpoint() throws Exception {
		get(gateways.get(1), "/limited/items", "team-c");
		String port = gateways.get(1).getEnvironment().getProperty("local.management.port");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/mesh")).build(),
				BodyHandlers.ofString());
		JsonNode section = JsonMapper.builder().build().readTree(response.body()).get("gatewayRateLimit");
		assertThat(section.get("localBuckets").asInt()).isPositive();
		assertThat(section.get("global").get("redis").asString()).isEqualTo("127.0.0.1:" + redis.port());
		assertThat(section.get("global").get("failureMode").asString()).isEqualTo("OPEN");
		assertThat(section.get("global").get("timeout").asString()).isEqualTo("PT5S");
		assertThat(section.get("global").get("failing").asBoolean()).isFalse();
		assertThat(section.get("global").get("allowed").asLong()).isPositive();
	}

	private GlobalRateLimiter global(int gateway) {
		return gateways.get(gateway).getBean(GlobalRateLimiter.class);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext gateway, String path, String apiKey)
			throws Exception {
		String port = gateway.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-Api-Key", apiKey)
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private static String[] arguments(String... properties) {
		return Stream.of(properties).map((property) -> "--" + property).toArray(String[]::new);
	}

}
