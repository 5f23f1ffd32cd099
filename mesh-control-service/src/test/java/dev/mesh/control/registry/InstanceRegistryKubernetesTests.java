package dev.mesh.control.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRegistryKubernetesTests {

	private final MutableClock clock = new MutableClock();

	private final InstanceRegistry registry = new InstanceRegistry(this.clock, Duration.ofSeconds(15));

	@Test
	void publishesKubernetesInstancesOnlyWhenTheyChange() {
		Map<String, List<MeshInstance>> services = Map.of("catalog", List.of(pod("catalog-a.shop", "10.0.0.1")));
		assertThat(this.registry.replaceKubernetes(services)).isTrue();
		long revision = this.registry.snapshot().revision();
		assertThat(this.registry.replaceKubernetes(services)).isFalse();
		assertThat(this.registry.snapshot().revision()).isEqualTo(revision);
		assertThat(this.registry.snapshot().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-a.shop");
		assertThat(this.registry.kubernetesInstances()).isEqualTo(1);

		this.registry.replaceKubernetes(Map.of());
		assertThat(this.registry.snapshot().services()).isEmpty();
		assertThat(this.registry.snapshot().revision()).isEqualTo(revision + 1);
	}

	@Test
	void neverEvictsKubernetesInstancesNorDeregistersThemThroughTheApi() {
		this.registry.replaceKubernetes(Map.of("catalog", List.of(pod("catalog-a.shop", "10.0.0.1"))));
		this.registry.register(InstanceRegistryTests.instance("pricing-1", "pricing", "v1"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.registry.evictExpired()).extracting(MeshInstance::instanceId).containsExactly("pricing-1");
		assertThat(this.registry.deregister("catalog-a.shop")).isEmpty();
		assertThat(this.registry.snapshot().instances("catalog")).hasSize(1);
		assertThat(this.registry.instanceServices()).isEmpty();
	}

	@Test
	void letsARegistrationWinOverTheKubernetesEndpointOfTheSamePod() {
		this.registry.replaceKubernetes(
				Map.of("catalog", List.of(pod("catalog-a.shop", "10.0.0.1"), pod("catalog-b.shop", "10.0.0.2"))));
		MeshInstance registered = new MeshInstance("catalog-7f3a", "catalog", "10.0.0.1", 8080, "v2", "zone-a",
				Map.of());
		this.registry.register(registered);
		assertThat(this.registry.snapshot().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-7f3a", "catalog-b.shop");
		this.registry.deregister("catalog-7f3a");
		assertThat(this.registry.snapshot().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-a.shop", "catalog-b.shop");
	}

	private static MeshInstance pod(String id, String address) {
		return new MeshInstance(id, "catalog", address, 8080, "v1", "default", Map.of("mesh.source", "kubernetes"));
	}

}
