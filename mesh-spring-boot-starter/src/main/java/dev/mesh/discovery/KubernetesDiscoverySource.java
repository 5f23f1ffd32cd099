package dev.mesh.discovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.kubernetes.EndpointSliceWatcher;
import dev.mesh.kubernetes.KubernetesEndpoints;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The ready instances of the Kubernetes Services in the watched namespaces, pushed by the
 * API server through an {@link EndpointSliceWatcher}. Starts with the registry watch,
 * before the web server, and waits up to the initial sync timeout for the first full
 * view.
 */
final class KubernetesDiscoverySource implements MeshDiscoverySource, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KubernetesDiscoverySource.class);

	private final EndpointSliceWatcher watcher;

	private final Duration initialSyncTimeout;

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;

	private volatile boolean running;

	/**
	 * Create a source.
	 * @param watcher the watcher
	 * @param initialSyncTimeout longest wait for the first full view at startup
	 */
	KubernetesDiscoverySource(EndpointSliceWatcher watcher, Duration initialSyncTimeout) {
		this.watcher = watcher;
		this.initialSyncTimeout = initialSyncTimeout;
		watcher.addListener(this::changed);
	}

	@Override
	public String name() {
		return KUBERNETES;
	}

	@Override
	public int getOrder() {
		return KUBERNETES_ORDER;
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public MeshEndpoints.WatchStatus status() {
		EndpointSliceWatcher.Status status = this.watcher.status();
		return new MeshEndpoints.WatchStatus(MeshEndpoints.WatchStatus.State.valueOf(status.state().name()),
				status.lastUpdate(), status.lastError());
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Return the full view of the watcher, with draining and not-ready counts.
	 * @return the view
	 */
	KubernetesEndpoints endpoints() {
		return this.watcher.current();
	}

	private void changed(KubernetesEndpoints endpoints) {
		RegistrySnapshot next = endpoints.toSnapshot();
		this.snapshot = next;
		this.listeners.forEach((listener) -> listener.accept(next));
	}

	@Override
	public void start() {
		this.running = true;
		this.watcher.start();
		if (!this.watcher.awaitSynced(this.initialSyncTimeout)) {
			logger.warn("Kubernetes EndpointSlices in " + this.watcher.namespaces() + " not listed within "
					+ this.initialSyncTimeout.toMillis() + " ms; starting without them and watching on");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.watcher.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return RegistryWatcher.PHASE;
	}

}
