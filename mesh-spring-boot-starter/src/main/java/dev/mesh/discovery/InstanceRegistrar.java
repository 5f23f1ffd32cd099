package dev.mesh.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.core.Backoff;
import dev.mesh.core.MeshWorkload;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;

/**
 * Keeps this workload's registration in step with its readiness: registers when the
 * application accepts traffic ({@code ReadinessState.ACCEPTING_TRAFFIC}, published right
 * after it is ready), renews the lease with heartbeats, and deregisters when it refuses
 * traffic, so that only ready instances are routable. On shutdown it drains: deregisters,
 * keeps serving for the drain delay so that callers learn, then waits (bounded) until the
 * requests in flight are answered, all before the web server stops. Failures are retried
 * with backoff and logged once per change of state, not once per attempt.
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

	private final Duration drainTimeout;

	private final InboundRequests inboundRequests;

	private final ScheduledExecutorService scheduler;

	private final List<MeshRegistrationMetadata> contributors;

	/**
	 * What was last registered, to register again when the metadata changes.
	 */
	private volatile Registration registration;

	/**
	 * Grows with every change of readiness: a scheduled task of an older generation does
	 * nothing.
	 */
	private final AtomicLong generation = new AtomicLong();

	private volatile Integer port;

	private volatile Integer managementPort;

	private volatile State state = State.PENDING;

	private volatile String lastError;

	private volatile boolean running;

	private volatile boolean ready;

	/**
	 * Whether the control service holds the registration, as far as this side knows.
	 */
	private volatile boolean registered;

	/**
	 * Whether the instance was ever registered, so that callers may have it in view.
	 */
	private volatile boolean announced;

	private int failures;

	private Duration heartbeatInterval = Duration.ofSeconds(5);

	InstanceRegistrar(ControlPlaneClient client, MeshWorkload workload, String instanceId, String address,
			Backoff backoff, Duration drainDelay, Duration drainTimeout, InboundRequests inboundRequests,
			List<MeshRegistrationMetadata> contributors) {
		this.client = client;
		this.contributors = List.copyOf(contributors);
		this.workload = workload;
		this.instanceId = instanceId;
		this.address = address;
		this.backoff = backoff;
		this.drainDelay = drainDelay;
		this.drainTimeout = drainTimeout;
		this.inboundRequests = inboundRequests;
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

	/**
	 * Follow the application's readiness.
	 * @param acceptingTraffic whether the application accepts traffic
	 */
	void readinessChanged(boolean acceptingTraffic) {
		this.ready = acceptingTraffic;
		long generation = this.generation.incrementAndGet();
		if (!this.running) {
			return;
		}
		if (acceptingTraffic && this.port != null) {
			this.scheduler.execute(() -> register(generation));
		}
		else if (!acceptingTraffic) {
			this.scheduler.execute(() -> withdraw(generation));
		}
	}

	/**
	 * Return the number of inbound requests being served.
	 * @return the number of requests
	 */
	int inboundRequests() {
		return this.inboundRequests.active();
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
		this.contributors.forEach((contributor) -> metadata.putAll(contributor.metadata()));
		return new Registration(this.instanceId, this.workload.service(), this.address, port, this.workload.version(),
				this.workload.zone(), metadata);
	}

	private boolean current(long generation) {
		return this.running && generation == this.generation.get();
	}

	private void register(long generation) {
		if (!current(generation) || !this.ready) {
			return;
		}
		try {
			Registration registration = registration();
			RegistrationResult result = this.client.register(registration);
			this.registration = registration;
			this.registered = true;
			this.announced = true;
			this.heartbeatInterval = Duration.ofMillis(Math.max(100, result.ttlMillis() / 3));
			succeeded();
			schedule(() -> heartbeat(generation), this.heartbeatInterval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failed(ex);
			schedule(() -> register(generation), this.backoff.delay(this.failures));
		}
	}

	private void heartbeat(long generation) {
		if (!current(generation)) {
			return;
		}
		try {
			if (!registration().equals(this.registration)) {
				logger.info("Registering " + this.instanceId + " again: its metadata changed");
				register(generation);
				return;
			}
			if (!this.client.heartbeat(this.instanceId)) {
				logger.info("Control service at " + this.client.baseUrl() + " no longer knows " + this.instanceId
						+ "; registering again");
				register(generation);
				return;
			}
			succeeded();
			schedule(() -> heartbeat(generation), this.heartbeatInterval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failed(ex);
			Duration retry = this.backoff.delay(this.failures);
			schedule(() -> heartbeat(generation),
					(retry.compareTo(this.heartbeatInterval) < 0) ? retry : this.heartbeatInterval);
		}
	}

	/**
	 * Take the instance out of the mesh while the application refuses traffic.
	 */
	private void withdraw(long generation) {
		if (!current(generation)) {
			return;
		}
		try {
			if (this.registered || this.state == State.RETRYING) {
				this.client.deregister(this.instanceId);
				this.registered = false;
			}
			this.failures = 0;
			this.lastError = null;
			if (this.state != State.NOT_READY) {
				this.state = State.NOT_READY;
				logger.info("Deregistered " + this.instanceId + ": the application refuses traffic");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failed(ex);
			schedule(() -> withdraw(generation), this.backoff.delay(this.failures));
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
		try {
			// A registration call in flight finishes (bounded by the request timeout)
			// before the deregistration, so that it cannot register the instance again.
			this.scheduler.awaitTermination(this.drainDelay.toMillis(), TimeUnit.MILLISECONDS);
			deregisterForShutdown();
			if (this.announced) {
				logger.info("Draining " + this.instanceId + ": serving " + this.drainDelay.toMillis()
						+ " ms more so that callers learn it left, then waiting for the requests in flight");
				// Callers need a moment to receive the pushed change before the server
				// refuses connections (what Istio calls terminationDrainDuration).
				TimeUnit.MILLISECONDS.sleep(this.drainDelay.toMillis());
				awaitInboundRequests();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void deregisterForShutdown() throws InterruptedException {
		try {
			if (this.registered || this.state == State.RETRYING) {
				this.client.deregister(this.instanceId);
				this.registered = false;
				logger.info("Deregistered " + this.instanceId + " for shutdown");
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			logger.warn("Could not deregister " + this.instanceId + " (" + ex.getMessage()
					+ "); the control service will evict it when its lease expires");
		}
		finally {
			this.state = State.DEREGISTERED;
		}
	}

	private void awaitInboundRequests() throws InterruptedException {
		if (!this.inboundRequests.awaitIdle(this.drainTimeout)) {
			logger.warn(this.inboundRequests.active() + " inbound requests still running after "
					+ this.drainTimeout.toMillis() + " ms of draining; the web server's shutdown takes over");
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
