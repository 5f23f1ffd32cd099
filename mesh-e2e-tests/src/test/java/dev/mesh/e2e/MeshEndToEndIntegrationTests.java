package dev.mesh.e2e;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshEndToEndIntegrationTests {

	private static RunningMesh mesh;

	private static final String CANARY_ROUTE = "/v1/policies/GatewayRoute/default/catalog-canary";

	@BeforeAll
	static void startMesh() throws Exception {
		// The demo's canary: a GatewayRoute policy splitting /api/catalog 90/10
		mesh = RunningMesh.start(List.of(Path.of(System.getProperty("mesh.e2e.demo-canary"))));
		awaitCanary(90, 10);
	}

	@AfterAll
	static void stopMesh() throws Exception {
		if (mesh != null) {
			mesh.close();
		}
	}

	@Test
	@Order(0)
	void everyWorkloadRegisteredOverTlsWithTheIdentityItsCertificateProves() throws Exception {
		RegistrySnapshot registry = mesh.registry();
		for (String service : List.of("gateway", "storefront", "catalog", "pricing")) {
			assertThat(registry.instances(service)).isNotEmpty()
				.allSatisfy((instance) -> assertThat(instance.metadata()).containsEntry(MeshInstance.SPIFFE_ID,
						"spiffe://cluster.local/ns/default/sa/" + service));
			JsonNode identity = mesh.mesh(service).get("identity");
			assertThat(identity.get("state").asString()).isEqualTo("VALID");
			assertThat(identity.get("spiffeId").asString())
				.isEqualTo("spiffe://cluster.local/ns/default/sa/" + service);
		}
	}

	@Test
	@Order(1)
	void gatewaySplitsCatalogTrafficExactlyByTheDemosCanaryPolicyWithoutFailures() throws Exception {
		assertThat(catalogVersions(200)).containsEntry("catalog@v1", 180L).containsEntry("catalog@v2", 20L).hasSize(2);
	}

	@Test
	@Order(2)
	void shiftingTheDemosCanaryMovesGatewayTrafficWithoutRestart() throws Exception {
		shiftCanary(50, 50);
		assertThat(catalogVersions(100)).containsEntry("catalog@v1", 50L).containsEntry("catalog@v2", 50L);
		shiftCanary(0, 100);
		assertThat(catalogVersions(100)).containsOnlyKeys("catalog@v2");
		shiftCanary(90, 10);
		assertThat(catalogVersions(100)).containsEntry("catalog@v1", 90L).containsEntry("catalog@v2", 10L);
	}

	@Test
	@Order(3)
	void responsesCarryTheWholeCallChain() throws Exception {
		HttpResponse<String> response = mesh.send(mesh.url("gateway").resolve("/api/products"));
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> chain = new ArrayList<>();
		mesh.json(response.body()).get("chain").forEach((node) -> chain.add(node.asString()));
		assertThat(chain).hasSize(3);
		assertThat(chain.get(0)).isEqualTo("storefront@v1");
		assertThat(chain.get(1)).isIn("catalog@v1", "catalog@v2");
		assertThat(chain.get(2)).isEqualTo("pricing@v1");
		assertThat(response.headers().firstValue("X-Mesh-Chain")).hasValue(String.join(", ", chain));
	}

	@Test
	@Order(4)
	void gracefullyStoppedInstanceLeavesEveryViewWithinASecondWithoutFailedRequests() throws Exception {
		URI products = mesh.url("gateway").resolve("/api/products");
		String leaving = mesh.registry()
			.instances("catalog")
			.stream()
			.filter((instance) -> instance.version().equals("v2"))
			.findFirst()
			.orElseThrow()
			.instanceId();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		Thread load = new Thread(() -> {
			while (running.get() && sent.get() < 5000) {
				try {
					HttpResponse<String> response = mesh.send(products);
					if (response.statusCode() != 200) {
						failures.add(response.statusCode() + " " + response.body());
					}
				}
				catch (Exception ex) {
					failures.add(ex.toString());
				}
				sent.incrementAndGet();
			}
		});
		load.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 20);

		long stopAt = System.nanoTime();
		mesh.process("catalog-v2").terminate();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(10))
			.ignoreExceptions()
			.until(() -> !mesh.view("storefront", "catalog").contains(leaving)
					&& !mesh.view("gateway", "catalog").contains(leaving));
		long leftAfterMillis = (System.nanoTime() - stopAt) / 1_000_000;

		assertThat(mesh.process("catalog-v2").awaitExit(Duration.ofSeconds(30))).as("graceful exit").isTrue();
		int afterExit = sent.get();
		await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= afterExit + 20);
		running.set(false);
		load.join();

		assertThat(leftAfterMillis).isLessThan(1000);
		assertThat(failures).as("failed requests out of %d", sent.get()).isEmpty();
		assertThat(mesh.registry().instances("catalog")).extracting((instance) -> instance.version())
			.containsExactly("v1");
	}

	private static Map<String, Long> catalogVersions(int requests) throws Exception {
		URI items = mesh.url("gateway").resolve("/api/catalog/items");
		Map<String, Long> servedBy = new TreeMap<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = mesh.send(items);
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
			JsonNode chain = mesh.json(response.body()).get("chain");
			assertThat(chain.get(1).asString()).isEqualTo("pricing@v1");
			servedBy.merge(chain.get(0).asString(), 1L, Long::sum);
		}
		return servedBy;
	}

	/**
	 * Replace the demo's canary route with new weights, as README.md does, and wait until
	 * the gateway serves them.
	 */
	private static void shiftCanary(int v1, int v2) throws Exception {
		JsonNode stored = mesh.json(mesh.admin("GET", CANARY_ROUTE, null, null).body());
		String route = Files.readString(Path.of(System.getProperty("mesh.e2e.demo-canary"))).split("(?m)^---\\s*$")[1]
			.replace("weight: 90", "weight: " + v1)
			.replace("weight: 10", "weight: " + v2);
		HttpResponse<String> replaced = mesh.admin("PUT", CANARY_ROUTE,
				String.valueOf(stored.get("resourceVersion").asLong()), route);
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		awaitCanary(v1, v2);
	}

	private static void awaitCanary(int v1, int v2) {
		await("gateway serves the canary at " + v1 + "/" + v2).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.untilAsserted(() -> {
				List<Integer> weights = new ArrayList<>();
				for (JsonNode route : mesh.mesh("gateway").get("gateway").get("routes")) {
					if (route.get("id").asString().equals("default/catalog-canary")) {
						route.get("split").forEach((subset) -> weights.add(subset.get("weight").asInt()));
					}
				}
				assertThat(weights).containsExactly(v1, v2);
			});
	}

}
