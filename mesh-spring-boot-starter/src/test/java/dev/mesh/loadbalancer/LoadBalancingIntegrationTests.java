package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load balancing over real servers: latency-aware picks avoid a slow instance, outlier
 * detection ejects a dead one, and a canary cohort holds across a three-hop chain.
 */
class LoadBalancingIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private FakeControlService control;

	@AfterEach
	void stop() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void latencyAwareAndLeastRequestSendLessTrafficToAnInstanceSlowedBy50Millis() throws Exception {
		startControl();
		TextServer fast1 = server(TextServer.start("fast-1"));
		TextServer fast2 = server(TextServer.start("fast-2"));
		TextServer slow = server(TextServer.slow("slow", Duration.ofMillis(50)));
		register("catalog-1", "catalog", "v1", fast1.port());
		register("catalog-2", "catalog", "v1", fast2.port());
		register("catalog-3", "catalog", "v1", slow.port());
		for (String algorithm : List.of("LATENCY_AWARE", "LEAST_REQUEST")) {
			ConfigurableApplicationContext app = app("caller", "v1",
					"mesh.outbound.destinations.catalog.load-balancer.algorithm=" + algorithm);
			WebClient client = app.getBean(WebClient.Builder.class).build();
			Map<String, Integer> answers = new HashMap<>();
			Flux.range(0, 600)
				.flatMap((i) -> client.get().uri("http://catalog/").retrieve().bodyToMono(String.class), 6)
				.toStream()
				.forEach((answer) -> answers.merge(answer, 1, Integer::sum));
			// round robin would send it a third (200); on a busy machine the fast ones
			// slow
			// down too, so the margin is kept wide
			assertThat(answers.getOrDefault("slow", 0)).as(algorithm).isLessThan(150);
			app.close();
		}
	}

	@Test
	void ejectsAnInstanceThatRefusesConnectionsAndShowsItInTheMeshEndpoint() throws Exception {
		startControl();
		TextServer alive = server(TextServer.start("alive"));
		TextServer dead = TextServer.start("dead");
		int deadPort = dead.port();
		dead.close();
		register("catalog-1", "catalog", "v1", alive.port());
		register("catalog-2", "catalog", "v1", deadPort);
		// Without retries, so that each failed call shows (the chaos tests cover
		// retries).
		ConfigurableApplicationContext app = app("caller", "v1", "mesh.outbound.defaults.retries.attempts=1");
		RestClient client = app.getBean(RestClient.Builder.class).build();
		int failures = 0;
		for (int i = 0; i < 40; i++) {
			try {
				assertThat(client.get().uri("http://catalog/").retrieve().body(String.class)).isEqualTo("alive");
			}
			catch (RuntimeException ex) {
				failures++;
			}
		}
		assertThat(failures).isEqualTo(5);
		MeshLoadBalancer.DestinationState catalog = app.getBean(MeshLoadBalancer.class).describe().get(0);
		assertThat(catalog.ejected()).isOne();
		assertThat(catalog.instances()).filteredOn(MeshLoadBalancer.InstanceState::ejected)
			.extracting(MeshLoadBalancer.InstanceState::instanceId)
			.containsExactly("catalog-2");
		assertThat(app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.get("mesh.lb.ejections")
			.tag("mesh.destination", "catalog")
			.counter()
			.count()).isOne();
	}

	@Test
	void keepsACanaryCohortOnOneVersionAcrossAThreeHopChain() throws Exception {
		startControl();
		TextServer backV1 = server(TextServer.start("back@v1"));
		TextServer backV2 = server(TextServer.start("back@v2"));
		register("back-1", "back", "v1", backV1.port());
		register("back-2", "back", "v2", backV2.port());
		String cohort = "mesh.outbound.defaults.cohort.enabled=true";
		app("middle", "v1", cohort);
		app("middle", "v2", cohort);
		ConfigurableApplicationContext front = app("front", "v1", cohort);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> front.getBean(dev.mesh.discovery.MeshEndpoints.class).instances("middle").size() == 2);
		RestClient outside = RestClient.create("http://127.0.0.1:" + port(front));
		Map<String, Integer> chains = new HashMap<>();
		for (int i = 0; i < 60; i++) {
			String chain = outside.get()
				.uri("/chain?url={url}", "http://middle/chain?url=http://back/")
				.retrieve()
				.body(String.class);
			chains.merge(chain, 1, Integer::sum);
		}
		assertThat(chains.keySet()).containsExactlyInAnyOrder("front@v1>middle@v1>back@v1",
				"front@v1>middle@v2>back@v2");
		for (int i = 0; i < 10; i++) {
			assertThat(outside.get()
				.uri("/chain?url={url}", "http://middle/chain?url=http://back/")
				.header(MeshCohort.HEADER, "version=v2")
				.retrieve()
				.body(String.class)).isEqualTo("front@v1>middle@v2>back@v2");
		}
	}

	private void startControl() throws Exception {
		this.control = FakeControlService.start();
		this.resources.add(this.control);
	}

	private TextServer server(TextServer server) {
		this.resources.add(server);
		return server;
	}

	private void register(String id, String service, String version, int port) {
		this.control.put(new MeshInstance(id, service, "127.0.0.1", port, version, "default", Map.of()));
	}

	private ConfigurableApplicationContext app(String service, String version, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + service, "mesh.version=" + version,
				"server.port=0", "server.address=127.0.0.1", "mesh.control.url=" + this.control.url(),
				"mesh.discovery.drain-delay=0s", "mesh.sync.enabled=false", "mesh.address=127.0.0.1"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
			.properties(all.toArray(String[]::new))
			.run();
		this.resources.add(app);
		return app;
	}

	private static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

}
