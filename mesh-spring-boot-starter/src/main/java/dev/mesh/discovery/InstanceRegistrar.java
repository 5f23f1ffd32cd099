package dev.mesh.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.core.Backoff;
import dev.mesh.core.MeshWorkload;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;

/**
 * Registers this workload once the application is ready, renews the lease with heartbeats
 * and deregisters on shutdown before the web server stops accepting requests. Failures
 * are retried with backoff and logged once per change of state, not once per attempt.
 */
class InstanceRegistrar implements MeshRegistration, SmartLifecycle {

	/**
	 * Metadata key carrying the management port, when it differs from the service port.
	 */
	static final String MANAGEMENT_PORT_KEY = "management.port";

	/**
	 * Stops before the web server's graceful shutdown (a higher phase stops earlier), so
	 * that the instance leaves the mesh while it still serves.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(InstanceRegistrar.class);

	private final ControlPlaneClient client;

	private final MeshWorkload workload;

	private final String instanceId;

	private final String address;

	private final Backoff backoff;

	private final Duration drainDelay;

	private final ScheduledExecutorService scheduler;

	private volatile Integer port;

	private volatile Integer managementPort;

	private volatile State state = State.PENDING;

	private volatile String lastError;

	private volatile boolean running;

	private int failures;

	private Duration heartbeatInterval = Duration.ofSeconds(5);

	InstanceRegistrar(ControlPlaneClient client, MeshWorkload workload, String instanceId, String address,
			Backoff backoff, Duration drainDelay) {
		this.client = client;
		this.workload = workload;
		this.instanceId = instanceId;
		this.address = address;
		this.backoff = backoff;
		this.drainDelay = drainDelay;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "mesh-registration");
			thread.setDaemon(true);
			return thread;
		});
	}

	void webServerStarted(String serverNamespace, int port) {
		if (serverNamespace == null || serverNamespace.isEmpty()) {
			this.port = port;
		}
		else if ("management".equals(serverNamespace)) {
			this.managementPort = port;
		}
	}

	void applicationReady() {
		if (this.port != null && this.running) {
			this.scheduler.execute(this::register);
		}
	}

	@Override
	public State state() {
		return this.state;
	}

	@Override
	public MeshInstance instance() {
		Registration registration = registration();
		return (registration != null) ? MeshInstance.from(registration, this.instanceId) : null;
	}

	@Override
	public String lastError() {
		return this.lastError;
	}

	private Registration registration() {
		Integer port = this.port;
		if (port == null) {
			return null;
		}
		Map<String, String> metadata = new LinkedHashMap<>(this.workload.metadata());
		Integer managementPort = this.managementPort;
		if (managementPort != null && !managementPort.equals(port)) {
			metadata.put(MANAGEMENT_PORT_KEY, String.valueOf(managementPort));
		}
		return new Registration(this.instanceId, this.workload.service(), this.address, port, this.workload.version(),
				this.workload.zone(), metadata);
	}

	private void register() {
		if (!this.running) {
			return;
		}
		try {
			RegistrationResult result = this.client.register(registration());
			this.heartbeatInterval = Duration.ofMillis(Math.max(100, result.ttlMillis() / 3));
			succeeded();
			schedule(this::heartbeat, this.heartbeatInterval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failed(ex);
			schedule(this::register, this.backoff.delay(this.failures));
		}
	}

	private void heartbeat() {
		if (!this.running) {
			return;
		}
		try {
			if (!this.client.heartbeat(this.instanceId)) {
				logger.info("Control service at " + this.client.baseUrl() + " no longer knows " + this.instanceId
						+ "; registering again");
				register();
				return;
			}
			succeeded();
			schedule(this::heartbeat, this.heartbeatInterval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failed(ex);
			Duration retry = this.backoff.delay(this.failures);
			schedule(this::heartbeat, (retry.compareTo(this.heartbeatInterval) < 0) ? retry : this.heartbeatInterval);
		}
	}

	private void succeeded() {
		this.failures = 0;
		this.lastError = null;
		if (this.state != State.REGISTERED) {
			this.state = State.REGISTERED;
			logger.info("Registered " + this.workload.label() + " as " + this.instanceId + " at " + this.address + ":"
					+ this.port + " with the control service at " + this.client.baseUrl());
		}
	}

	private void failed(Exception ex) {
		this.failures++;
		this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (this.state != State.RETRYING) {
			this.state = State.RETRYING;
			logger.warn("Cannot register with the control service at " + this.client.baseUrl() + " (" + this.lastError
					+ "); serving with the last known mesh and retrying with backoff");
		}
	}

	private void schedule(Runnable task, Duration delay) {
		if (this.running) {
			this.scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.shutdownNow();
		boolean wasRegistered = this.state == State.REGISTERED;
		try {
			this.scheduler.awaitTermination(this.drainDelay.toMillis(), TimeUnit.MILLISECONDS);
			if (this.state != State.PENDING) {
				this.client.deregister(this.instanceId);
				logger.info("Deregistered " + this.instanceId + "; draining for " + this.drainDelay.toMillis() + " ms");
			}
			this.state = State.DEREGISTERED;
			if (wasRegistered) {
				// Callers need a moment to receive the pushed change before the server
				// refuses connections (what Istio calls terminationDrainDuration).
				TimeUnit.MILLISECONDS.sleep(this.drainDelay.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			this.state = State.DEREGISTERED;
			logger.warn("Could not deregister " + this.instanceId + " (" + ex.getMessage()
					+ "); the control service will evict it when its lease expires");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
