package dev.mesh.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.core.Backoff;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Holds the control service's watch stream open on one daemon thread and swaps in every
 * snapshot it pushes. When the stream breaks, the last snapshot keeps serving (static
 * stability) while the watcher reconnects with backoff; a stream silent for longer than
 * the idle timeout is treated as broken.
 */
class RegistryWatcher implements MeshEndpoints, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryWatcher.class);

	private final ControlPlaneClient client;

	private final Backoff backoff;

	private final Duration idleTimeout;

	private final Duration initialSyncTimeout;

	private final Clock clock = Clock.systemUTC();

	private final AtomicReference<RegistrySnapshot> snapshot = new AtomicReference<>(RegistrySnapshot.EMPTY);

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstSnapshot = new CountDownLatch(1);

	private volatile WatchStatus status = new WatchStatus(WatchStatus.State.CONNECTING, null, null);

	private volatile InputStream stream;

	private volatile long lastReceived;

	private volatile boolean running;

	private Thread thread;

	private ScheduledExecutorService watchdog;

	RegistryWatcher(ControlPlaneClient client, Backoff backoff, Duration idleTimeout, Duration initialSyncTimeout) {
		this.client = client;
		this.backoff = backoff;
		this.idleTimeout = idleTimeout;
		this.initialSyncTimeout = initialSyncTimeout;
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot.get();
	}

	@Override
	public WatchStatus status() {
		return this.status;
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::watchLoop, "mesh-registry-watch");
		this.thread.setDaemon(true);
		this.thread.start();
		this.watchdog = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread watchdogThread = new Thread(runnable, "mesh-registry-watchdog");
			watchdogThread.setDaemon(true);
			return watchdogThread;
		});
		long period = Math.max(10, this.idleTimeout.toMillis() / 3);
		this.watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
		try {
			// Calls made while the application starts should already see the mesh.
			this.firstSnapshot.await(this.initialSyncTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
		closeStream();
		if (this.thread != null) {
			this.thread.interrupt();
		}
		this.status = new WatchStatus(WatchStatus.State.STOPPED, this.status.lastUpdate(), null);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Start before the web server, so the first requests already see the mesh.
		// Stop after it, so requests still draining can call other services.
		return InstanceRegistrar.PHASE - 4096;
	}

	private void watchLoop() {
		int failures = 0;
		while (this.running) {
			try {
				HttpResponse<InputStream> response = this.client.watch();
				this.stream = response.body();
				this.lastReceived = System.nanoTime();
				failures = 0;
				read(response.body());
				throw new IOException("the control service closed the watch stream");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				if (!this.running) {
					return;
				}
				failures++;
				disconnected(ex);
				if (!pause(this.backoff.delay(failures))) {
					return;
				}
			}
			finally {
				closeStream();
			}
		}
	}

	private void read(InputStream body) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		String event = null;
		StringBuilder data = new StringBuilder();
		String line;
		while ((line = reader.readLine()) != null) {
			this.lastReceived = System.nanoTime();
			if (line.isEmpty()) {
				if (RegistryApi.SNAPSHOT_EVENT.equals(event) && !data.isEmpty()) {
					apply(this.client.readSnapshot(data.toString()));
				}
				event = null;
				data.setLength(0);
			}
			else if (line.startsWith("event:")) {
				event = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				if (!data.isEmpty()) {
					data.append('\n');
				}
				data.append(line.substring(5).stripLeading());
			}
		}
	}

	private void apply(RegistrySnapshot snapshot) {
		this.snapshot.set(snapshot);
		WatchStatus previous = this.status;
		this.status = new WatchStatus(WatchStatus.State.CONNECTED, this.clock.instant(), null);
		if (previous.state() != WatchStatus.State.CONNECTED) {
			logger.info("Watching the mesh through the control service at " + this.client.baseUrl() + " (revision "
					+ snapshot.revision() + ", " + snapshot.services().size() + " services)");
		}
		this.firstSnapshot.countDown();
		for (Consumer<RegistrySnapshot> listener : this.listeners) {
			try {
				listener.accept(snapshot);
			}
			catch (RuntimeException ex) {
				logger.warn("Mesh snapshot listener failed", ex);
			}
		}
	}

	private void disconnected(Exception ex) {
		WatchStatus previous = this.status;
		String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		this.status = new WatchStatus(WatchStatus.State.DISCONNECTED, previous.lastUpdate(), error);
		if (previous.state() != WatchStatus.State.DISCONNECTED) {
			logger.warn("Lost the watch stream of the control service at " + this.client.baseUrl() + " (" + error
					+ "); serving the last known mesh (revision " + this.snapshot.get().revision()
					+ ") and reconnecting with backoff");
		}
	}

	/**
	 * Close the stream when nothing, not even a keepalive, arrived within the idle
	 * timeout. Called periodically.
	 */
	void checkIdle() {
		InputStream current = this.stream;
		if (current != null && System.nanoTime() - this.lastReceived > this.idleTimeout.toNanos()) {
			logger.debug("Watch stream idle for longer than " + this.idleTimeout + "; reconnecting");
			closeStream();
		}
	}

	private boolean pause(Duration delay) {
		try {
			TimeUnit.MILLISECONDS.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void closeStream() {
		InputStream current = this.stream;
		this.stream = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// Closing is best effort: the loop reconnects either way.
			}
		}
	}

}
