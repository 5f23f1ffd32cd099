package dev.mesh.policy.registry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrySnapshotTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void dropsServicesWithoutInstancesAndSortsTheRest() {
		RegistrySnapshot snapshot = new RegistrySnapshot(3, Map.of("pricing",
				List.of(instance("pricing-2", "pricing"), instance("pricing-1", "pricing")), "catalog", List.of()));
		assertThat(snapshot.services()).containsOnlyKeys("pricing");
		assertThat(snapshot.instances("pricing")).extracting(MeshInstance::instanceId)
			.containsExactly("pricing-1", "pricing-2");
		assertThat(snapshot.instances("catalog")).isEmpty();
	}

	@Test
	void roundTripsThroughJson() {
		RegistrySnapshot snapshot = new RegistrySnapshot(7, Map.of("catalog", List.of(instance("c-1", "catalog"))));
		String text = this.json.writeValueAsString(snapshot);
		assertThat(text).doesNotContain("label");
		assertThat(this.json.readValue(text, RegistrySnapshot.class)).isEqualTo(snapshot);
	}

	@Test
	void fillsDefaultZoneFromRegistration() {
		MeshInstance instance = MeshInstance.from(new Registration(null, "catalog", "h", 80, "v2", null, null),
				"generated");
		assertThat(instance.instanceId()).isEqualTo("generated");
		assertThat(instance.zone()).isEqualTo(MeshInstance.DEFAULT_ZONE);
		assertThat(instance.label()).isEqualTo("catalog@v2");
	}

	private static MeshInstance instance(String id, String service) {
		return new MeshInstance(id, service, "127.0.0.1", 8080, "v1", "default", Map.of("a", "b"));
	}

}
