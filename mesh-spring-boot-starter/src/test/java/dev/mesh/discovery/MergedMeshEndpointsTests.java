package dev.mesh.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.mesh.discovery.MeshEndpoints.WatchStatus;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class MergedMeshEndpointsTests {

	private final TestSource registry = new TestSource(MeshDiscoverySource.REGISTRY,
			MeshDiscoverySource.REGISTRY_ORDER);

	private final TestSource kubernetes = new TestSource(MeshDiscoverySource.KUBERNETES,
			MeshDiscoverySource.KUBERNETES_ORDER);

	private final TestSource fixed = new TestSource(MeshDiscoverySource.STATIC, MeshDiscoverySource.STATIC_ORDER);

	@Test
	void takesEachServiceFromTheFirstSourceThatHasIt() {
		this.registry.publish(instance("catalog", "r1"), instance("pricing", "r2"), instance("cart", "r3"));
		this.kubernetes.publish(instance("catalog", "k1"), instance("catalog", "k2"), instance("pricing", "k3"));
		this.fixed.publish(instance("pricing", "s1"));
		MergedMeshEndpoints endpoints = new MergedMeshEndpoints(List.of(this.registry, this.kubernetes, this.fixed));
		assertThat(endpoints.sources()).containsExactly(this.fixed, this.kubernetes, this.registry);
		assertThat(endpoints.instances("pricing")).extracting(MeshInstance::instanceId).containsExactly("s1");
		assertThat(endpoints.instances("catalog")).extracting(MeshInstance::instanceId).containsExactly("k1", "k2");
		assertThat(endpoints.instances("cart")).extracting(MeshInstance::instanceId).containsExactly("r3");
	}

	@Test
	void fallsBackToTheNextSourceWhenAServiceLeavesTheFirst() {
		MergedMeshEndpoints endpoints = new MergedMeshEndpoints(List.of(this.registry, this.kubernetes));
		List<RegistrySnapshot> heard = new CopyOnWriteArrayList<>();
		endpoints.addListener(heard::add);
		this.registry.publish(instance("catalog", "r1"));
		this.kubernetes.publish(instance("catalog", "k1"));
		this.kubernetes.publish();
		assertThat(heard).extracting((snapshot) -> snapshot.instances("catalog").get(0).instanceId())
			.containsExactly("r1", "k1", "r1");
		assertThat(heard).extracting(RegistrySnapshot::revision).containsExactly(1L, 2L, 3L);
	}

	@Test
	void publishesNothingWhenTheMergedViewDoesNotChange() {
		this.kubernetes.publish(instance("catalog", "k1"));
		MergedMeshEndpoints endpoints = new MergedMeshEndpoints(List.of(this.registry, this.kubernetes));
		List<RegistrySnapshot> heard = new CopyOnWriteArrayList<>();
		endpoints.addListener(heard::add);
		this.registry.publish();
		this.registry.publish(instance("catalog", "r1"));
		assertThat(heard).isEmpty();
		assertThat(endpoints.snapshot().revision()).isZero();
	}

	@Test
	void reportsTheLeastHealthySourceWithItsError() {
		MergedMeshEndpoints endpoints = new MergedMeshEndpoints(List.of(this.registry, this.kubernetes, this.fixed));
		assertThat(endpoints.status().state()).isEqualTo(WatchStatus.State.CONNECTED);
		this.registry.status = new WatchStatus(WatchStatus.State.DISCONNECTED, null, "refused");
		this.kubernetes.status = new WatchStatus(WatchStatus.State.CONNECTING, null, null);
		assertThat(endpoints.status()).satisfies((status) -> {
			assertThat(status.state()).isEqualTo(WatchStatus.State.DISCONNECTED);
			assertThat(status.lastError()).isEqualTo("registry: refused");
		});
	}

	private static MeshInstance instance(String service, String id) {
		return new MeshInstance(id, service, "127.0.0.1", 8080, "v1", "default", Map.of());
	}

	static final class TestSource implements MeshDiscoverySource {

		private final String name;

		private final int order;

		private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

		private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;

		volatile WatchStatus status = new WatchStatus(WatchStatus.State.CONNECTED, null, null);

		TestSource(String name, int order) {
			this.name = name;
			this.order = order;
		}

		void publish(MeshInstance... instances) {
			Map<String, List<MeshInstance>> services = new TreeMap<>();
			for (MeshInstance instance : instances) {
				services.computeIfAbsent(instance.service(), (key) -> new ArrayList<>()).add(instance);
			}
			this.snapshot = new RegistrySnapshot(this.snapshot.revision() + 1, services);
			this.listeners.forEach((listener) -> listener.accept(this.snapshot));
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

		@Override
		public RegistrySnapshot snapshot() {
			return this.snapshot;
		}

		@Override
		public WatchStatus status() {
			return this.status;
		}

		@Override
		public void addListener(Consumer<RegistrySnapshot> listener) {
			this.listeners.add(listener);
		}

	}

}
