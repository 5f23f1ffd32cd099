package dev.mesh.policy.document;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PolicySetTests {

	private final PolicyDocument catalog = Documents.read(Documents.CATALOG_POLICY);

	@Test
	void acceptsGatewayRouteToDefinedSubsets() {
		assertThatNoException()
			.isThrownBy(() -> PolicySet.check(Documents.read(Documents.GATEWAY_ROUTE), List.of(this.catalog)));
	}

	@Test
	void rejectsGatewayRouteToSubsetsTheServiceDoesNotDefine() {
		PolicyDocument route = Documents.read(Documents.GATEWAY_ROUTE.replace("subset: v2", "subset: v3"));
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> PolicySet.check(route, List.of(this.catalog)))
			.satisfies((ex) -> assertThat(ex.getViolations()).containsExactly(
					new Violation("spec.destinations[1].subset", "'v3' is not a subset of service catalog")));
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> PolicySet.check(Documents.read(Documents.GATEWAY_ROUTE), List.of()))
			.withMessageContaining("has no ServicePolicy");
	}

	@Test
	void allowsOneMeshConfigAndOneServicePolicyPerService() {
		PolicyDocument meshConfig = Documents.read(Documents.MESH_CONFIG);
		PolicyDocument otherMeshConfig = Documents.read(Documents.MESH_CONFIG.replace("name: mesh", "name: other"));
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> PolicySet.check(otherMeshConfig, List.of(meshConfig)))
			.withMessageContaining("already has a MeshConfig");
		PolicyDocument elsewhere = Documents.read(Documents.CATALOG_POLICY.replace("namespace: shop", "namespace: b"));
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> PolicySet.check(elsewhere, List.of(this.catalog)))
			.withMessageContaining("already has a ServicePolicy in namespace shop");
	}

}
