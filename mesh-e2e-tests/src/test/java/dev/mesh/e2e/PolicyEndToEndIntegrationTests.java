package dev.mesh.e2e;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Policy changed once, applied by every app without a restart, visible in their ACKs; the
 * mesh keeps serving with the control service gone, and an app restarted then comes up
 * with its cached policy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyEndToEndIntegrationTests {

	private static final String CATALOG_POLICY = """
			apiVersion: mesh.dev/v1
			kind: ServicePolicy
			metadata: {name: catalog, namespace: shop}
			spec:
			  timeout: 3s
			  subsets:
			    v1: {labels: {version: v1}}
			    v2: {labels: {version: v2}}
			  routes:
			    - destinations: [{subset: v1, weight: V1}, {subset: v2, weight: V2}]
			""";

	private static RunningMesh mesh;

	private static long resourceVersion;

	private static URI products;

	@BeforeAll
	static void startMesh() throws Exception {
		mesh = RunningMesh.start();
		products = mesh.url("gateway").resolve("/api/products");
	}

	@AfterAll
	static void stopMesh() throws Exception {
		if (mesh != null) {
			mesh.close();
		}
	}

	@Test
	@Order(1)
	void shiftingTheCanaryMovesStorefrontTrafficWithoutRestart() throws Exception {
		HttpResponse<String> created = mesh.admin("POST", "/v1/policies", null, policy(0, 100));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		resourceVersion = mesh.json(created.body()).get("resourceVersion").asLong();
		awaitEveryInstanceSynced(resourceVersion);
		assertThat(catalogVersionsServingStorefront(30)).containsExactly("catalog@v2");

		HttpResponse<String> replaced = mesh.admin("PUT", "/v1/policies/ServicePolicy/shop/catalog",
				String.valueOf(resourceVersion), policy(100, 0));
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		resourceVersion = mesh.json(replaced.body()).get("resourceVersion").asLong();
		awaitEveryInstanceSynced(resourceVersion);
		assertThat(catalogVersionsServingStorefront(30)).containsExactly("catalog@v1");

		JsonNode policy = mesh.mesh("storefront").get("policy");
		assertThat(policy.get("version").asLong()).isEqualTo(resourceVersion);
		assertThat(policy.get("source").asString()).isEqualTo("control-service");
		assertThat(policy.get("properties").get("mesh.outbound.destinations[catalog].timeout").get("value").asString())
			.isEqualTo("3s");
	}

	@Test
	@Order(2)
	void aStaleWriteIsRefusedAndNothingChanges() throws Exception {
		HttpResponse<String> stale = mesh.admin("PUT", "/v1/policies/ServicePolicy/shop/catalog",
				String.valueOf(resourceVersion - 1), policy(0, 100));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(catalogVersionsServingStorefront(10)).containsExactly("catalog@v1");
	}

	@Test
	@Order(3)
	void trafficContinuesWithoutTheControlServiceAndRestartsUseTheCachedPolicy() throws Exception {
		JsonNode before = mesh.mesh("storefront");
		mesh.process("control").terminate();
		assertThat(mesh.process("control").awaitExit(Duration.ofSeconds(30))).isTrue();
		assertThat(catalogVersionsServingStorefront(20)).containsExactly("catalog@v1");

		int port = RunningMesh.freePort();
		int managementPort = RunningMesh.freePort();
		// Without an identity: no certificate can be issued while the control service is
		// down, and a workload with an identity does not start without one
		mesh.launch("storefront-restarted", "mesh.e2e.storefront-jar", "--server.port=" + port,
				"--management.server.port=" + managementPort, "--mesh.identity.enabled=false");
		JsonNode restarted = await().atMost(Duration.ofMinutes(2))
			.ignoreExceptions()
			.until(() -> mesh.mesh(managementPort), (node) -> node != null);
		JsonNode policy = restarted.get("policy");
		assertThat(policy.get("source").asString()).isEqualTo("disk-cache");
		assertThat(policy.get("version").asLong()).isEqualTo(before.get("policy").get("version").asLong());
		assertThat(policy.get("properties")
			.get("mesh.outbound.destinations[catalog].routes[0].destinations[0].weight")
			.get("value")
			.asString()).isEqualTo("100");
	}

	private static Set<String> catalogVersionsServingStorefront(int requests) throws Exception {
		Set<String> versions = new HashSet<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = mesh.send(products);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			versions.add(mesh.json(response.body()).get("chain").get(1).asString());
		}
		return versions;
	}

	private static void awaitEveryInstanceSynced(long version) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			JsonNode status = mesh.json(mesh.admin("GET", "/v1/status", null, null).body());
			// pricing x2, catalog v1 and v2, storefront, gateway
			assertThat(status.size()).isEqualTo(6);
			for (JsonNode instance : status) {
				assertThat(instance.get("state").asString()).as(instance.toString()).isEqualTo("SYNCED");
				assertThat(instance.get("appliedVersion").asLong()).as(instance.toString()).isEqualTo(version);
			}
		});
	}

	private static String policy(int v1, int v2) {
		return CATALOG_POLICY.replace("weight: V1", "weight: " + v1).replace("weight: V2", "weight: " + v2);
	}

}
