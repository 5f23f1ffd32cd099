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
 * status.
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

	private volatile boolean running;

	PolicyDelivery(PolicyCatalog catalog, RegisteredServices registry, Clock clock, Duration debounce,
			Duration maxDelay) {
		this.catalog = catalog;
		this.registry = registry;
		this.clock = clock;
		this.coalescer = new Coalescer(this.scheduler, this::pushChanges, debounce, maxDelay);
		catalog.addListener(this.coalescer::trigger);
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
			logger.debug("Policy watch of " + instanceId + " ended: " + signal);
		});
	}

	void acknowledge(PolicyAck ack) {
		this.deliveries.compute(ack.instanceId(), (id, delivery) -> {
			Delivery current = (delivery != null) ? delivery : Delivery.none(ack.service());
			return current.acknowledged(ack, this.clock.instant());
		});
		if (!ack.accepted()) {
			logger.warn("Instance " + ack.instanceId() + " (" + ack.service() + ") rejected policy version "
					+ ack.version() + ": " + ack.reason());
		}
	}

	List<InstanceStatus> status() {
		Map<String, String> registered = this.registry.instanceServices();
		Set<String> ids = new TreeSet<>(registered.keySet());
		ids.addAll(this.deliveries.keySet());
		ids.addAll(this.watches.keySet());
		List<InstanceStatus> status = new ArrayList<>();
		for (String id : ids) {
			String service = registered.get(id);
			Delivery delivery = this.deliveries.get(id);
			if (delivery == null) {
				delivery = Delivery.none((service != null) ? service : this.watches.get(id).service());
			}
			status.add(delivery.status(id, this.watches.containsKey(id)));
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
		Delivery delivery = this.deliveries.getOrDefault(watch.instanceId(), Delivery.none(watch.service()));
		if (!always && properties.equals(delivery.sentProperties())) {
			return;
		}
		long sentVersion = Math.max(version, delivery.sentVersion());
		this.deliveries.put(watch.instanceId(), delivery.sent(sentVersion, properties));
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
			long rejectedVersion, String reason, Instant lastAck) {

		static Delivery none(String service) {
			return new Delivery(service, -1, null, -1, -1, null, null);
		}

		Delivery sent(long version, Map<String, String> properties) {
			return new Delivery(this.service, version, properties, this.appliedVersion, this.rejectedVersion,
					this.reason, this.lastAck);
		}

		Delivery acknowledged(PolicyAck ack, Instant at) {
			if (ack.accepted()) {
				return new Delivery(this.service, this.sentVersion, this.sentProperties,
						Math.max(this.appliedVersion, ack.version()), this.rejectedVersion, this.reason, at);
			}
			return new Delivery(this.service, this.sentVersion, this.sentProperties, this.appliedVersion, ack.version(),
					ack.reason(), at);
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
