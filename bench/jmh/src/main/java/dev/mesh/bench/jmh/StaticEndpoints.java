package dev.mesh.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * A fixed view of the mesh: one service with a given number of instances, as the
 * registry's watch stream would deliver it, without a control service.
 */
final class StaticEndpoints implements MeshEndpoints {

	private final RegistrySnapshot snapshot;

	StaticEndpoints(String service, int instances) {
		List<MeshInstance> list = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			list.add(new MeshInstance(service + "-" + i, service, "10.0." + (i / 250) + "." + (i % 250 + 1), 8080, "v1",
					"zone-a", Map.of()));
		}
		this.snapshot = new RegistrySnapshot(1, Map.of(service, List.copyOf(list)));
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public WatchStatus status() {
		return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		// the view never changes
	}

}
