package dev.mesh.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.OrderComparator;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The {@link MeshEndpoints} of the app: the merge of its discovery sources, rebuilt and
 * swapped in whenever a source pushes a change. Per service, the first source in order
 * that has instances of it supplies all of them (static before Kubernetes before the
 * registry), the way Spring Cloud's composite discovery client answers from the first
 * client that knows a service. A union would count a pod seen by two sources twice and
 * mix test addresses with live ones.
 */
final class MergedMeshEndpoints implements MeshEndpoints {

	private static final Log logger = LogFactory.getLog(MergedMeshEndpoints.class);

	private static final List<WatchStatus.State> WORST_FIRST = List.of(WatchStatus.State.DISCONNECTED,
			WatchStatus.State.CONNECTING, WatchStatus.State.STOPPED, WatchStatus.State.CONNECTED);

	private final List<MeshDiscoverySource> sources;

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private volatile RegistrySnapshot snapshot;

	MergedMeshEndpoints(List<MeshDiscoverySource> sources) {
		List<MeshDiscoverySource> sorted = new ArrayList<>(sources);
		sorted.sort(OrderComparator.INSTANCE);
		this.sources = List.copyOf(sorted);
		this.snapshot = new RegistrySnapshot(0, merge(this.sources));
		this.sources.forEach((source) -> source.addListener((changed) -> refresh()));
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public WatchStatus status() {
		if (this.sources.isEmpty()) {
			return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
		}
		List<WatchStatus> statuses = this.sources.stream().map(MeshDiscoverySource::status).toList();
		WatchStatus.State state = statuses.stream()
			.map(WatchStatus::state)
			.min(Comparator.comparingInt(WORST_FIRST::indexOf))
			.orElse(WatchStatus.State.CONNECTED);
		Instant lastUpdate = statuses.stream()
			.map(WatchStatus::lastUpdate)
			.filter((instant) -> instant != null)
			.max(Comparator.naturalOrder())
			.orElse(null);
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < this.sources.size(); i++) {
			if (statuses.get(i).lastError() != null) {
				errors.add(this.sources.get(i).name() + ": " + statuses.get(i).lastError());
			}
		}
		return new WatchStatus(state, lastUpdate, errors.isEmpty() ? null : String.join("; ", errors));
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

	@Override
	public List<MeshDiscoverySource> sources() {
		return this.sources;
	}

	private void refresh() {
		synchronized (this.monitor) {
			Map<String, List<MeshInstance>> merged = merge(this.sources);
			if (merged.equals(this.snapshot.services())) {
				return;
			}
			RegistrySnapshot next = new RegistrySnapshot(this.snapshot.revision() + 1, merged);
			this.snapshot = next;
			// Under the lock, so that listeners hear the views in order.
			for (Consumer<RegistrySnapshot> listener : this.listeners) {
				try {
					listener.accept(next);
				}
				catch (RuntimeException ex) {
					logger.warn("Mesh snapshot listener failed", ex);
				}
			}
		}
	}

	static Map<String, List<MeshInstance>> merge(List<MeshDiscoverySource> sources) {
		Map<String, List<MeshInstance>> merged = new TreeMap<>();
		for (MeshDiscoverySource source : sources) {
			source.snapshot().services().forEach(merged::putIfAbsent);
		}
		return merged;
	}

}
