package dev.mesh.e2e;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

	@BeforeAll
	static void startMesh() throws Exception {
		mesh = RunningMesh.start();
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
	void gatewaySplitsCatalogTrafficBetweenBothVersionsWithoutFailures() throws Exception {
		URI items = mesh.url("gateway").resolve("/api/catalog/items");
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			HttpResponse<String> response = mesh.send(items);
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
			JsonNode chain = mesh.json(response.body()).get("chain");
			assertThat(chain.get(1).asString()).isEqualTo("pricing@v1");
			servedBy.add(chain.get(0).asString());
		}
		assertThat(servedBy).contains("catalog@v1", "catalog@v2").containsOnly("catalog@v1", "catalog@v2");
		long v2 = servedBy.stream().filter("catalog@v2"::equals).count();
		assertThat(v2).as("share of catalog v2 at a 10% weight").isBetween(4L, 40L);
	}

	@Test
	@Order(2)
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
	@Order(3)
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

}
