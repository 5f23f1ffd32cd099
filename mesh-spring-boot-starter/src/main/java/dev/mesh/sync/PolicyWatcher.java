package dev.mesh.sync;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.Backoff;
import dev.mesh.core.EventStreamWatcher;
import dev.mesh.core.MeshInstanceId;
import dev.mesh.core.MeshPolicyPropertySource;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.ControlPlaneClient;
import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.document.WorkloadSnapshots;

/**
 * Watches this workload's policy on the control service and applies each snapshot it
 * pushes: a snapshot that binds replaces the installed one as a property source, an
 * {@link EnvironmentChangeEvent} names the changed keys (so that
 * {@code @ConfigurationProperties} beans are rebound and {@link MeshPolicyState}
 * rebuilt), the disk cache is updated and the version acknowledged. A snapshot that does
 * not bind is rejected with the reason and the last good one stays. The applied version
 * never goes backwards. An answer that cannot be sent is sent again when the stream
 * reconnects.
 */
class PolicyWatcher implements MeshPolicySync, SmartLifecycle, EventStreamWatcher.Handler {

	/**
	 * Starts before the registry watch and the web server, so that the first requests run
	 * with the pushed policy, and stops after them.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 5120;

	private static final int MAX_REASON_LENGTH = 2000;

	private static final Log logger = LogFactory.getLog(PolicyWatcher.class);

	private final ControlPlaneClient client;

	private final String service;

	private final String instanceId;

	private final ConfigurableEnvironment environment;

	private final ApplicationContext context;

	private final MeshPolicyState state;

	private final PolicyCache cache;

	private final PolicyAnswers answers;

	private final Duration initialSyncTimeout;

	private final EventStreamWatcher watcher;

	private final Clock clock = Clock.systemUTC();

	private final AtomicLong applied = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private volatile Rejection lastRejection;

	private PolicySnapshot lastRejected;

	private boolean cacheFailing;

	PolicyWatcher(ControlPlaneClient client, String service, MeshInstanceId instanceId, ApplicationContext context,
			ConfigurableEnvironment environment, MeshPolicyState state, Backoff backoff, Duration idleTimeout,
			MeshSyncProperties properties) {
		this.client = client;
		this.service = service;
		this.instanceId = instanceId.value();
		this.context = context;
		this.environment = environment;
		this.state = state;
		this.cache = new PolicyCache(Path.of(properties.getCacheDirectory()), service);
		this.answers = new PolicyAnswers(client, service, this.instanceId);
		this.initialSyncTimeout = properties.getInitialSyncTimeout();
		String path = DeliveryApi.WATCH + "?" + DeliveryApi.SERVICE_PARAMETER + "=" + encode(service) + "&"
				+ DeliveryApi.INSTANCE_PARAMETER + "=" + encode(this.instanceId);
		this.watcher = new EventStreamWatcher("mesh-policy-watch", () -> client.stream(path).body(),
				DeliveryApi.SNAPSHOT_EVENT, this, backoff, idleTimeout);
	}

	@Override
	public EventStreamWatcher.Status status() {
		return this.watcher.status();
	}

	@Override
	public Rejection lastRejection() {
		return this.lastRejection;
	}

	@Override
	public long appliedCount() {
		return this.applied.get();
	}

	@Override
	public long rejectedCount() {
		return this.rejected.get();
	}

	@Override
	public void onOpen() throws InterruptedException {
		this.answers.sendPending();
	}

	@Override
	public void onEvent(String data) throws InterruptedException {
		PolicySnapshot snapshot = this.client.readJson(data, PolicySnapshot.class);
		MeshPolicyPropertySource installed = MeshPolicyPropertySource.find(this.environment);
		long appliedVersion = (installed != null) ? installed.getVersion() : -1;
		if (snapshot.version() < appliedVersion) {
			logger.debug("Ignoring policy version " + snapshot.version() + ": version " + appliedVersion
					+ " is applied and the applied version never goes backwards");
			return;
		}
		if (installed != null && snapshot.version() == appliedVersion
				&& snapshot.properties().equals(installed.getProperties())) {
			confirm(installed);
			this.answers.answer(snapshot.version(), null);
			return;
		}
		if (snapshot.equals(this.lastRejected)) {
			this.answers.answer(snapshot.version(), this.lastRejection.reason());
			return;
		}
		try {
			WorkloadSnapshots.bindStrictly(snapshot.properties());
		}
		catch (RuntimeException ex) {
			this.answers.answer(snapshot.version(), reject(snapshot, ex, appliedVersion));
			return;
		}
		apply(snapshot, installed);
		this.answers.answer(snapshot.version(), null);
	}

	@Override
	public void onConnected() {
		AppliedPolicy current = this.state.current();
		logger.info("Watching policy through the control service at " + this.client.baseUrl() + " (version "
				+ current.version() + " applied, from " + current.source() + ")");
	}

	@Override
	public void onDisconnected(String error) {
		logger.warn("Lost the policy stream of the control service at " + this.client.baseUrl() + " (" + error
				+ "); keeping policy version " + this.state.current().version() + " and reconnecting with backoff");
	}

	private void apply(PolicySnapshot snapshot, MeshPolicyPropertySource installed) {
		Map<String, String> previous = (installed != null) ? installed.getProperties() : Map.of();
		MeshPolicyPropertySource.install(this.environment, new MeshPolicyPropertySource(snapshot.properties(),
				snapshot.version(), AppliedPolicy.CONTROL_SERVICE, this.clock.instant()));
		Set<String> changed = changedKeys(previous, snapshot.properties());
		this.applied.incrementAndGet();
		try {
			if (changed.isEmpty()) {
				this.state.refresh();
			}
			else {
				this.context.publishEvent(new EnvironmentChangeEvent(this.context, changed));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Policy version " + snapshot.version() + " is applied, but a listener failed", ex);
		}
		logger.info("Applied policy version " + snapshot.version() + " from the control service ("
				+ snapshot.properties().size() + " properties, " + changed.size() + " changed)");
		writeCache(snapshot);
	}

	/**
	 * The control service sent the snapshot already installed, for example the one read
	 * from the disk cache: it now comes from the control service.
	 */
	private void confirm(MeshPolicyPropertySource installed) {
		if (!AppliedPolicy.CONTROL_SERVICE.equals(installed.getPolicySource())) {
			MeshPolicyPropertySource.install(this.environment,
					installed.withPolicySource(AppliedPolicy.CONTROL_SERVICE));
			this.state.refresh();
		}
	}

	private String reject(PolicySnapshot snapshot, RuntimeException ex, long appliedVersion) {
		String reason = oneLine(ex.getMessage());
		this.rejected.incrementAndGet();
		this.lastRejected = snapshot;
		this.lastRejection = new Rejection(snapshot.version(), reason, this.clock.instant());
		logger.warn("Rejected policy version " + snapshot.version() + " from the control service (" + reason + "); "
				+ ((appliedVersion >= 0) ? "keeping version " + appliedVersion : "keeping the application's policy"));
		return reason;
	}

	private void writeCache(PolicySnapshot snapshot) {
		if (snapshot.properties().isEmpty() && !this.cache.exists()) {
			// Starting without a cache is starting without policy: until there is policy
			// to keep, the disk is left alone (a read-only file system is no problem).
			return;
		}
		try {
			this.cache.write(snapshot);
			this.cacheFailing = false;
		}
		catch (IOException | RuntimeException ex) {
			if (!this.cacheFailing) {
				this.cacheFailing = true;
				logger.warn("Cannot cache policy in " + this.cache.file() + " (" + ex
						+ "); a restart while the control service is down will not have it");
			}
		}
	}

	@Override
	public void start() {
		this.watcher.start();
		// The first requests should run with the pushed policy; an unreachable control
		// service is not waited for.
		this.watcher.awaitFirstAttempt(this.initialSyncTimeout);
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

	static Set<String> changedKeys(Map<String, String> previous, Map<String, String> next) {
		Set<String> changed = new TreeSet<>();
		previous.forEach((key, value) -> {
			if (!Objects.equals(value, next.get(key))) {
				changed.add(key);
			}
		});
		next.keySet().stream().filter((key) -> !previous.containsKey(key)).forEach(changed::add);
		return changed;
	}

	/**
	 * Make a reason safe for one log line and for the control service: control characters
	 * (which a pushed key may carry) become spaces, and it is cut short.
	 */
	static String oneLine(String reason) {
		String line = (reason != null) ? reason.replaceAll("\\p{Cntrl}", " ") : "not valid";
		return (line.length() <= MAX_REASON_LENGTH) ? line : line.substring(0, MAX_REASON_LENGTH) + "...";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
