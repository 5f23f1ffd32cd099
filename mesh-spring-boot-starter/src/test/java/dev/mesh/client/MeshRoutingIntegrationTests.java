package dev.mesh.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Routes and timeouts set in the application's own configuration, with no policy from the
 * control service: the same keys a pushed snapshot sets. The tests only call through the
 * application, so they share it.
 */
class MeshRoutingIntegrationTests {

	private static FakeControlService control;

	private static TextServer v1;

	private static TextServer v2;

	private static TextServer slow;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		control = FakeControlService.start();
		v1 = TextServer.start("v1");
		v2 = TextServer.start("v2");
		slow = TextServer.slow("late", Duration.ofSeconds(3));
		control.put(instance("catalog-1", "catalog", "v1", v1.port()));
		control.put(instance("catalog-2", "catalog", "v2", v2.port()));
		control.put(instance("pricing-1", "pricing", "v1", slow.port()));
		app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + control.url(), "mesh.discovery.drain-delay=0s", "mesh.sync.enabled=false",
					"mesh.outbound.destinations.catalog.subsets.v1.labels.version=v1",
					"mesh.outbound.destinations.catalog.subsets.v2.labels.version=v2",
					"mesh.outbound.destinations.catalog.routes[0].match.headers.x-canary=true",
					"mesh.outbound.destinations.catalog.routes[0].destinations[0].subset=v2",
					"mesh.outbound.destinations.catalog.routes[0].destinations[0].weight=100",
					"mesh.outbound.destinations.catalog.routes[1].destinations[0].subset=v1",
					"mesh.outbound.destinations.catalog.routes[1].destinations[0].weight=75",
					"mesh.outbound.destinations.catalog.routes[1].destinations[1].subset=v2",
					"mesh.outbound.destinations.catalog.routes[1].destinations[1].weight=25",
					"mesh.outbound.destinations.pricing.timeout=200ms")
			.run();
	}

	@AfterAll
	static void stop() {
		app.close();
		control.close();
		v1.close();
		v2.close();
		slow.close();
	}

	@Test
	void splitsCallsBetweenSubsetsByRouteWeight() {
		RestClient client = app.getBean(RestClient.Builder.class).build();
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < 400; i++) {
			counts.merge(client.get().uri("http://catalog/items").retrieve().body(String.class), 1, Integer::sum);
		}
		assertThat(counts.get("v2")).isBetween(60, 140);
		assertThat(counts.get("v1") + counts.get("v2")).isEqualTo(400);
	}

	@Test
	void sendsRequestsMatchingAHeaderRouteToItsSubset() {
		WebClient client = app.getBean(WebClient.Builder.class).build();
		for (int i = 0; i < 20; i++) {
			assertThat(client.get()
				.uri("http://catalog/items")
				.header("X-Canary", "true")
				.retrieve()
				.bodyToMono(String.class)
				.block()).isEqualTo("v2");
		}
	}

	@Test
	void cutsOffBlockingCallsAtTheDestinationTimeout() {
		RestClient client = app.getBean(RestClient.Builder.class).build();
		long start = System.nanoTime();
		assertThatExceptionOfType(MeshTimeoutException.class)
			.isThrownBy(() -> client.get().uri("http://pricing/prices").retrieve().body(String.class))
			.withMessage("call to service pricing timed out after 200 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(Thread.currentThread().isInterrupted()).as("no interrupt leaks to the caller").isFalse();
	}

	@Test
	void cutsOffReactiveCallsAtTheDestinationTimeout() {
		WebClient client = app.getBean(WebClient.Builder.class).build();
		long start = System.nanoTime();
		assertThatExceptionOfType(MeshTimeoutException.class)
			.isThrownBy(() -> client.get().uri("http://pricing/prices").retrieve().bodyToMono(String.class).block());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	private static MeshInstance instance(String id, String service, String version, int port) {
		return new MeshInstance(id, service, "127.0.0.1", port, version, "default", Map.of());
	}

}
