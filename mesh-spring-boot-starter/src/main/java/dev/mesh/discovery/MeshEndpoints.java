package dev.mesh.discovery;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * This workload's view of every service in the mesh: the merge of the enabled
 * {@link MeshDiscoverySource discovery sources} (the control service's registry,
 * Kubernetes EndpointSlices, static entries), kept current as each source pushes changes.
 * Only routable (ready) instances appear. Reads are lock-free: the view is an immutable
 * snapshot swapped atomically.
 */
public interface MeshEndpoints {

	/**
	 * Return the latest view, with a revision of its own that grows with every change.
	 * @return the snapshot, {@link RegistrySnapshot#EMPTY} before the first one
	 */
	RegistrySnapshot snapshot();

	/**
	 * Return the instances of a service.
	 * @param service the service name
	 * @return its instances, empty when none is known
	 */
	default List<MeshInstance> instances(String service) {
		return snapshot().instances(service);
	}

	/**
	 * Return the state of the view: the least healthy state of its sources.
	 * @return the status
	 */
	WatchStatus status();

	/**
	 * Return the sources merged into this view, the winning one first.
	 * @return the sources, empty when the view is not a merge of sources
	 */
	default List<MeshDiscoverySource> sources() {
		return List.of();
	}

	/**
	 * Add a listener called with every new snapshot.
	 * @param listener the listener
	 */
	void addListener(Consumer<RegistrySnapshot> listener);

	/**
	 * State of a watch (or of the view as a whole).
	 *
	 * @param state connection state
	 * @param lastUpdate when the last snapshot arrived, {@code null} before the first
	 * @param lastError why the watch last failed, {@code null} when it is connected
	 */
	record WatchStatus(State state, Instant lastUpdate, String lastError) {

		/**
		 * Connection states of the watch stream.
		 */
		public enum State {

			/**
			 * Not connected yet.
			 */
			CONNECTING,

			/**
			 * Connected and receiving changes.
			 */
			CONNECTED,

			/**
			 * Connection lost; serving the last snapshot and reconnecting with backoff.
			 */
			DISCONNECTED,

			/**
			 * Stopped with the application.
			 */
			STOPPED

		}

	}

}
