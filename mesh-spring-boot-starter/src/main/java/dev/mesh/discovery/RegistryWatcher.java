package dev.mesh.discovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.core.Backoff;
import dev.mesh.core.EventStreamWatcher;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Holds the control service's watch stream open on one daemon thread and swaps in every
 * snapshot it pushes. When the stream breaks, the last snapshot keeps serving (static
 * stability) while the watcher reconnects with backoff; a stream silent for longer than
 * the idle timeout is treated as broken.
 */
class RegistryWatcher implements MeshDiscoverySource, SmartLifecycle, EventStreamWatcher.Handler {

	/**
	 * Starts before the web server, so the first requests already see the mesh, and stops
	 * after it, so requests still draining can call other services.
	 */
	static final int PHASE = InstanceRegistrar.PHASE - 4096;

	private static final Log logger = LogFactory.getLog(RegistryWatcher.class);

	private final ControlPlaneClient client;

	private final Duration initialSyncTimeout;

	private final EventStreamWatcher watcher;

	private final AtomicReference<RegistrySnapshot> snapshot = new AtomicReference<>(RegistrySnapshot.EMPTY);

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	RegistryWatcher(ControlPlaneClient client, Backoff backoff, Duration idleTimeout, Duration initialSyncTimeout) {
		this.client = client;
		this.initialSyncTimeout = initialSyncTimeout;
		this.watcher = new EventStreamWatcher("mesh-registry-watch", () -> client.watch().body(),
				RegistryApi.SNAPSHOT_EVENT, this, backoff, idleTimeout);
	}

	@Override
	public String name() {
		return REGISTRY;
	}

	@Override
	public int getOrder() {
		return REGISTRY_ORDER;
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot.get();
	}

	@Override
	public MeshEndpoints.WatchStatus status() {
		EventStreamWatcher.Status status = this.watcher.status();
		return new MeshEndpoints.WatchStatus(MeshEndpoints.WatchStatus.State.valueOf(status.state().name()),
				status.lastEvent(), status.lastError());
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void start() {
		this.watcher.start();
		// Calls made while the application starts should already see the mesh.
		this.watcher.awaitFirstEvent(this.initialSyncTimeout);
	}

	@Override
	public void stop() {
		this.watcher.stop();
	}

	@Override
	public boolean isRunning() {
		return this.watcher.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void onEvent(String data) {
		RegistrySnapshot received = this.client.readSnapshot(data);
		this.snapshot.set(received);
		for (Consumer<RegistrySnapshot> listener : this.listeners) {
			try {
				listener.accept(received);
			}
			catch (RuntimeException ex) {
				logger.warn("Mesh snapshot listener failed", ex);
			}
		}
	}

	@Override
	public void onConnected() {
		RegistrySnapshot current = this.snapshot.get();
		logger.info("Watching the mesh through the control service at " + this.client.baseUrl() + " (revision "
				+ current.revision() + ", " + current.services().size() + " services)");
	}

	@Override
	public void onDisconnected(String error) {
		logger.warn("Lost the watch stream of the control service at " + this.client.baseUrl() + " (" + error
				+ "); serving the last known mesh (revision " + this.snapshot.get().revision()
				+ ") and reconnecting with backoff");
	}

}
