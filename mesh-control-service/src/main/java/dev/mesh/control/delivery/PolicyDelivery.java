package dev.mesh.control.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import dev.mesh.control.policy.PolicyCatalog;
import dev.mesh.control.registry.RegisteredServices;
import dev.mesh.policy.delivery.InstanceStatus;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.delivery.SyncState;
import dev.mesh.policy.document.WorkloadSnapshots;

/**
 * Pushes every watching instance its own policy snapshot: at once when it connects, then
 * whenever its slice of the policy changes. Changes in a burst are coalesced; an instance
 * whose slice did not change gets nothing. Acknowledgements are kept per instance for the
 * status, and forgotten once the instance has neither a watch nor a registration for the
 * forget time, so the status does not grow with every restart.
 */
final class PolicyDelivery implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PolicyDelivery.class);

	private final PolicyCatalog catalog;

	private final RegisteredServices registry;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "mesh-policy-delivery");
		thread.setDaemon(true);
		return thread;
	});

	private final Coalescer coalescer;

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();

	private final Duration forgetAfter;

	private volatile boolean running;

	PolicyDelivery(PolicyCatalog catalog, RegisteredServices registry, Clock clock, Duration debounce,
			Duration maxDelay, Duration forgetAfter) {
		this.catalog = catalog;
		this.registry = registry;
		this.clock = clock;
		this.forgetAfter = forgetAfter;
		this.coalescer = new Coalescer(this.scheduler, this::pushChanges, debounce, maxDelay);
		catalog.addListener(this.coalescer::trigger);
		long sweep = Math.max(1, Math.min(forgetAfter.toMillis(), 30_000));
		this.scheduler.scheduleWithFixedDelay(this::forgetGone, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	/**
	 * Open the watch of one instance: its current snapshot now, then every change.
	 * @param service the instance's service
	 * @param instanceId the instance
	 * @return the snapshots
	 */
	Flux<PolicySnapshot> watch(String service, String instanceId) {
		Watch watch = new Watch(service, instanceId, Sinks.many().replay().latest());
		Watch previous = this.watches.put(instanceId, watch);
		if (previous != null) {
			previous.sink().tryEmitComplete();
		}
		this.scheduler.execute(() -> push(watch, true));
		return watch.sink().asFlux().onBackpressureLatest().doFinally((signal) -> {
			this.watches.remove(instanceId, watch);
			this.deliveries.computeIfPresent(instanceId, (id, delivery) -> delivery.seen(this.clock.instant()));
			logger.debug("Policy watch of " + instanceId + " ended: " + signal);
		});
	}

	/**
	 * Record an instance's answer to what was pushed to it.
	 * @param ack the answer
	 * @return {@code false} when nothing was pushed to that instance (of that service),
	 * so there is nothing to acknowledge
	 */
	boolean acknowledge(PolicyAck ack) {
		Delivery updated = this.deliveries.computeIfPresent(ack.instanceId(),
				(id, delivery) -> delivery.service().equals(ack.service())
						? delivery.acknowledged(ack, this.clock.instant()) : delivery);
		if (updated == null || updated.lastAck() == null || !updated.service().equals(ack.service())) {
			return false;
		}
		if (!ack.accepted()) {
			logger.warn("Instance " + ack.instanceId() + " (" + ack.service() + ") rejected policy version "
					+ ack.version() + ": " + ack.reason());
		}
		return true;
	}

	/**
	 * Forget instances that have neither a watch nor a registration and were last seen
	 * longer ago than the forget time.
	 */
	void forgetGone() {
		Map<String, String> registered = this.registry.instanceServices();
		Instant before = this.clock.instant().minus(this.forgetAfter);
		this.deliveries.entrySet()
			.removeIf((entry) -> !this.watches.containsKey(entry.getKey()) && !registered.containsKey(entry.getKey())
					&& entry.getValue().lastSeen().isBefore(before));
	}

	List<InstanceStatus> status() {
		Map<String, String> registered = this.registry.instanceServices();
		Map<String, Watch> watching = Map.copyOf(this.watches);
		Map<String, Delivery> delivered = Map.copyOf(this.deliveries);
		Set<String> ids = new TreeSet<>(registered.keySet());
		ids.addAll(delivered.keySet());
		ids.addAll(watching.keySet());
		List<InstanceStatus> status = new ArrayList<>();
		for (String id : ids) {
			Delivery delivery = delivered.get(id);
			if (delivery == null) {
				Watch watch = watching.get(id);
				delivery = Delivery.none((watch != null) ? watch.service() : registered.get(id), null);
			}
			status.add(delivery.status(id, watching.containsKey(id)));
		}
		status.sort(Comparator.comparing(InstanceStatus::service).thenComparing(InstanceStatus::instanceId));
		return status;
	}

	private void pushChanges() {
		this.watches.values().forEach((watch) -> push(watch, false));
	}

	private void push(Watch watch, boolean always) {
		long version = this.catalog.version();
		Map<String, String> properties = WorkloadSnapshots.render(this.catalog.documents(), watch.service());
		Instant now = this.clock.instant();
		Delivery delivery = this.deliveries.get(watch.instanceId());
		if (delivery == null || !delivery.service().equals(watch.service())) {
			delivery = Delivery.none(watch.service(), now);
		}
		if (!always && properties.equals(delivery.sentProperties())) {
			return;
		}
		long sentVersion = Math.max(version, delivery.sentVersion());
		this.deliveries.put(watch.instanceId(), delivery.sent(sentVersion, properties, now));
		watch.sink().tryEmitNext(new PolicySnapshot(sentVersion, properties));
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		// Complete every stream so the web server's graceful shutdown does not wait for
		// them.
		this.running = false;
		this.watches.values().forEach((watch) -> watch.sink().tryEmitComplete());
		this.scheduler.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Watch(String service, String instanceId, Sinks.Many<PolicySnapshot> sink) {

	}

	/**
	 * What was sent to one instance and what it answered.
	 */
	private record Delivery(String service, long sentVersion, Map<String, String> sentProperties, long appliedVersion,
			long rejectedVersion, String reason, Instant lastAck, Instant lastSeen) {

		static Delivery none(String service, Instant seen) {
			return new Delivery(service, -1, null, -1, -1, null, null, seen);
		}

		Delivery sent(long version, Map<String, String> properties, Instant at) {
			return new Delivery(this.service, version, properties, this.appliedVersion, this.rejectedVersion,
					this.reason, this.lastAck, at);
		}

		Delivery seen(Instant at) {
			return new Delivery(this.service, this.sentVersion, this.sentProperties, this.appliedVersion,
					this.rejectedVersion, this.reason, this.lastAck, at);
		}

		Delivery acknowledged(PolicyAck ack, Instant at) {
			if (ack.accepted()) {
				return new Delivery(this.service, this.sentVersion, this.sentProperties,
						Math.max(this.appliedVersion, ack.version()), this.rejectedVersion, this.reason, at, at);
			}
			return new Delivery(this.service, this.sentVersion, this.sentProperties, this.appliedVersion, ack.version(),
					ack.reason(), at, at);
		}

		InstanceStatus status(String instanceId, boolean watching) {
			SyncState state;
			if (this.sentVersion >= 0 && this.rejectedVersion == this.sentVersion) {
				state = SyncState.NACKED;
			}
			else if (this.sentVersion >= 0 && this.appliedVersion >= this.sentVersion) {
				state = SyncState.SYNCED;
			}
			else {
				state = SyncState.STALE;
			}
			return new InstanceStatus(instanceId, this.service, this.sentVersion, this.appliedVersion, state,
					(state == SyncState.NACKED) ? this.reason : null, watching, this.lastAck);
		}

	}

}
