package dev.mesh.policy.document;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.spec.AccessAction;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.MtlsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkloadSnapshotsTests {

	private final List<PolicyDocument> mesh = List.of(Documents.read(Documents.MESH_CONFIG),
			Documents.read(Documents.CATALOG_POLICY), Documents.read(Documents.ACCESS_POLICY),
			Documents.read(Documents.GATEWAY_ROUTE));

	@Test
	void givesEveryWorkloadTheMeshConfigAndEveryDestination() {
		SortedMap<String, String> storefront = WorkloadSnapshots.render(this.mesh, "storefront");
		assertThat(storefront).containsEntry("mesh.security.trust-domain", "shop.example")
			.containsEntry("mesh.outbound.defaults.timeout", "5s")
			.containsEntry("mesh.outbound.destinations[catalog].timeout", "2s");
		assertThat(storefront.keySet()).noneMatch((key) -> key.startsWith("mesh.inbound"))
			.noneMatch((key) -> key.startsWith("mesh.gateway"));
	}

	@Test
	void givesInboundPolicyOnlyToTheServiceItProtects() {
		SortedMap<String, String> catalog = WorkloadSnapshots.render(this.mesh, "catalog");
		assertThat(catalog).containsEntry("mesh.inbound.rate-limit.requests-per-second", "100")
			.containsEntry("mesh.inbound.access[shop/storefront-only].action", "ALLOW");
		assertThat(catalog.keySet()).noneMatch((key) -> key.contains("destinations[catalog].rate-limit"));
	}

	@Test
	void givesAServicesOwnMtlsModeOnlyToItsWorkloads() {
		List<PolicyDocument> documents = List.of(Documents.read(Documents.MESH_CONFIG),
				Documents.read(Documents.SERVICE_HEADER + "  mtls: {mode: PERMISSIVE}\n"));
		SortedMap<String, String> catalog = WorkloadSnapshots.render(documents, "catalog");
		assertThat(catalog).containsEntry("mesh.security.mtls.mode", "STRICT")
			.containsEntry("mesh.inbound.mtls.mode", "PERMISSIVE");
		assertThat(WorkloadSnapshots.bindStrictly(catalog).getInbound().getMtls().getMode())
			.isEqualTo(MtlsMode.PERMISSIVE);
		SortedMap<String, String> storefront = WorkloadSnapshots.render(documents, "storefront");
		assertThat(storefront).containsEntry("mesh.security.mtls.mode", "STRICT");
		assertThat(storefront.keySet()).noneMatch((key) -> key.contains("mtls") && !key.startsWith("mesh.security"));
	}

	@Test
	void givesGatewayRoutesOnlyToTheirGateway() {
		assertThat(WorkloadSnapshots.render(this.mesh, "gateway"))
			.containsEntry("mesh.gateway.routes[shop/catalog-canary].destinations[1].weight", "5");
		assertThat(WorkloadSnapshots.render(this.mesh, "catalog").keySet())
			.noneMatch((key) -> key.startsWith("mesh.gateway"));
	}

	@Test
	void snapshotsBindExactlyAsTheWorkloadWill() {
		MeshPolicy catalog = WorkloadSnapshots.bindStrictly(WorkloadSnapshots.render(this.mesh, "catalog"));
		assertThat(catalog.getSecurity().getMtls().getMode()).isEqualTo(MtlsMode.STRICT);
		assertThat(catalog.getOutbound().getDefaults().getTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(catalog.getOutbound().getDestinations().get("catalog").getSubsets()).containsOnlyKeys("v1", "v2");
		assertThat(catalog.getInbound().getRateLimit().getCallers().get("storefront").getRequestsPerSecond())
			.isEqualTo(500);
		assertThat(catalog.getInbound().getAccess().get("shop/storefront-only").getAction())
			.isEqualTo(AccessAction.ALLOW);
		MeshPolicy gateway = WorkloadSnapshots.bindStrictly(WorkloadSnapshots.render(this.mesh, "gateway"));
		assertThat(gateway.getGateway().getRoutes().get("shop/catalog-canary").getService()).isEqualTo("catalog");
	}

	@Test
	void refusesSnapshotsWithUnknownKeysBadValuesOrExpressions() {
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> WorkloadSnapshots.bindStrictly(Map.of("mesh.outbound.defaults.deadline", "2s")));
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> WorkloadSnapshots.bindStrictly(Map.of("mesh.outbound.defaults.timeout", "soon")))
			.withMessageContaining("mesh.outbound.defaults.timeout");
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> WorkloadSnapshots.bindStrictly(Map.of("mesh.outbound.defaults.timeout", "${t}")))
			.withMessageContaining("never evaluated");
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> WorkloadSnapshots.bindStrictly(Map.of("spring.main.banner-mode", "off")))
			.withMessageContaining("is not a mesh.* property");
	}

}
