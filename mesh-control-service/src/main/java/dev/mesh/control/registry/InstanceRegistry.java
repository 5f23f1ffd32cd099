package dev.mesh.control.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The registry of mesh instances. Readers see an immutable {@link RegistrySnapshot}
 * without locking; writes are serialized, and each one that changes the registry bumps
 * the revision and publishes the new snapshot. Leases (time of the last heartbeat) are
 * kept beside the snapshot so that a heartbeat never changes the revision.
 * <p>
 * Beside the registered instances it may hold instances seen in Kubernetes
 * EndpointSlices: they have no lease (never evicted, not deregistered through the API)
 * and are replaced whole whenever the EndpointSlice watch changes. When a registered
 * instance and a Kubernetes one of the same service share an address and port, the
 * registration wins: it is the app's own, with its version, zone and metadata, and it
 * leaves the registry itself when the app stops being ready.
 */
final class InstanceRegistry implements RegisteredServices {

	private static final Log logger = LogFactory.getLog(InstanceRegistry.class);

	private final Object monitor = new Object();

	private final Clock clock;

	private final Duration ttl;

	private final AtomicReference<RegistrySnapshot> snapshot = new AtomicReference<>(RegistrySnapshot.EMPTY);

	private final Sinks.Many<RegistrySnapshot> changes = Sinks.many().replay().latest();

	private final Map<String, Lease> leases = new HashMap<>();

	private Map<String, List<MeshInstance>> kubernetes = Map.of();

	private final AtomicLong registrations = new AtomicLong();

	private final AtomicLong evictions = new AtomicLong();

	InstanceRegistry(Clock clock, Duration ttl) {
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(ttl != null && !ttl.isNegative() && !ttl.isZero(), "'ttl' must be positive");
		this.clock = clock;
		this.ttl = ttl;
		this.changes.tryEmitNext(RegistrySnapshot.EMPTY);
	}

	/**
	 * Return the current snapshot.
	 * @return the snapshot
	 */
	RegistrySnapshot snapshot() {
		return this.snapshot.get();
	}

	@Override
	public Set<String> serviceNames() {
		return this.snapshot.get().services().keySet();
	}

	@Override
	public Map<String, String> instanceServices() {
		synchronized (this.monitor) {
			// Registered instances only: Kubernetes endpoints do not take part in policy
			// delivery unless their app registers itself.
			Map<String, String> services = new HashMap<>();
			this.leases.values()
				.forEach((lease) -> services.put(lease.instance().instanceId(), lease.instance().service()));
			return services;
		}
	}

	/**
	 * Return the current snapshot, then every later one. A subscriber that falls behind
	 * gets only the latest snapshot when it catches up.
	 * @return the snapshots
	 */
	Flux<RegistrySnapshot> snapshots() {
		return this.changes.asFlux().onBackpressureLatest();
	}

	/**
	 * Register an instance, replacing any with the same id, and start or renew its lease.
	 * @param instance the instance
	 * @return the outcome
	 */
	Registered register(MeshInstance instance) {
		return register(instance, (registered) -> true);
	}

	/**
	 * Register an instance, replacing any with the same id that the caller owns, and
	 * start or renew its lease.
	 * @param instance the instance
	 * @param owns whether the caller owns an instance registered earlier with the same id
	 * @return the outcome
	 * @throws InstanceNotOwnedException if an instance with the same id is registered and
	 * the caller does not own it; nothing changes
	 */
	Registered register(MeshInstance instance, Predicate<MeshInstance> owns) {
		Assert.notNull(instance, "'instance' must not be null");
		synchronized (this.monitor) {
			checkOwner(this.leases.get(instance.instanceId()), owns);
			Lease previous = this.leases.put(instance.instanceId(), new Lease(instance, this.clock.instant()));
			this.registrations.incrementAndGet();
			if (previous == null) {
				publish();
				logger.info("Registered " + describe(instance));
				return new Registered(instance, true);
			}
			if (!previous.instance().equals(instance)) {
				publish();
				logger.info("Re-registered " + describe(instance) + " with changes");
			}
			return new Registered(instance, false);
		}
	}

	/**
	 * Renew the lease of an instance.
	 * @param instanceId the instance id
	 * @return whether the instance is registered
	 */
	boolean renew(String instanceId) {
		return renew(instanceId, (registered) -> true);
	}

	/**
	 * Renew the lease of an instance the caller owns.
	 * @param instanceId the instance id
	 * @param owns whether the caller owns the registered instance
	 * @return whether the instance is registered
	 * @throws InstanceNotOwnedException if the caller does not own it
	 */
	boolean renew(String instanceId, Predicate<MeshInstance> owns) {
		synchronized (this.monitor) {
			Lease lease = this.leases.get(instanceId);
			if (lease == null) {
				return false;
			}
			checkOwner(lease, owns);
			this.leases.put(instanceId, new Lease(lease.instance(), this.clock.instant()));
			return true;
		}
	}

	/**
	 * Remove an instance.
	 * @param instanceId the instance id
	 * @return the removed instance, empty when it was not registered
	 */
	Optional<MeshInstance> deregister(String instanceId) {
		return deregister(instanceId, (registered) -> true);
	}

	/**
	 * Remove an instance the caller owns.
	 * @param instanceId the instance id
	 * @param owns whether the caller owns the registered instance
	 * @return the removed instance, empty when it was not registered
	 * @throws InstanceNotOwnedException if the caller does not own it
	 */
	Optional<MeshInstance> deregister(String instanceId, Predicate<MeshInstance> owns) {
		synchronized (this.monitor) {
			checkOwner(this.leases.get(instanceId), owns);
			Lease lease = this.leases.remove(instanceId);
			if (lease == null) {
				return Optional.empty();
			}
			publish();
			logger.info("Deregistered " + describe(lease.instance()));
			return Optional.of(lease.instance());
		}
	}

	/**
	 * Remove, in one change, every instance whose lease is older than the time to live.
	 * @return the evicted instances
	 */
	List<MeshInstance> evictExpired() {
		synchronized (this.monitor) {
			Instant now = this.clock.instant();
			List<MeshInstance> expired = new ArrayList<>();
			for (Iterator<Lease> iterator = this.leases.values().iterator(); iterator.hasNext();) {
				Lease lease = iterator.next();
				if (Duration.between(lease.renewed(), now).compareTo(this.ttl) > 0) {
					iterator.remove();
					expired.add(lease.instance());
				}
			}
			if (!expired.isEmpty()) {
				this.evictions.addAndGet(expired.size());
				publish();
				expired.forEach((instance) -> logger
					.info("Evicted " + describe(instance) + ": no heartbeat for " + this.ttl.toMillis() + "ms"));
			}
			return expired;
		}
	}

	/**
	 * Replace the instances seen in Kubernetes EndpointSlices, publishing a new snapshot
	 * when they changed.
	 * @param services the ready instances by service
	 * @return whether the registry changed
	 */
	boolean replaceKubernetes(Map<String, List<MeshInstance>> services) {
		Assert.notNull(services, "'services' must not be null");
		synchronized (this.monitor) {
			if (services.equals(this.kubernetes)) {
				return false;
			}
			this.kubernetes = Map.copyOf(services);
			publish();
			logger.info("Kubernetes endpoints changed: " + this.kubernetes.values().stream().mapToInt(List::size).sum()
					+ " ready instances in " + this.kubernetes.size() + " services");
			return true;
		}
	}

	/**
	 * Return how many instances come from Kubernetes.
	 * @return the count
	 */
	int kubernetesInstances() {
		synchronized (this.monitor) {
			return this.kubernetes.values().stream().mapToInt(List::size).sum();
		}
	}

	/**
	 * Return the time to live of a lease.
	 * @return the time to live
	 */
	Duration ttl() {
		return this.ttl;
	}

	/**
	 * Return how many registrations were accepted, re-registrations included.
	 * @return the count
	 */
	long registrations() {
		return this.registrations.get();
	}

	/**
	 * Return how many instances were evicted.
	 * @return the count
	 */
	long evictions() {
		return this.evictions.get();
	}

	private static void checkOwner(Lease lease, Predicate<MeshInstance> owns) {
		if (lease != null && !owns.test(lease.instance())) {
			throw new InstanceNotOwnedException(lease.instance());
		}
	}

	private void publish() {
		Map<String, List<MeshInstance>> services = new HashMap<>();
		this.leases.values()
			.stream()
			.map(Lease::instance)
			.collect(Collectors.groupingBy(MeshInstance::service))
			.forEach((service, instances) -> services.put(service, new ArrayList<>(instances)));
		this.kubernetes.forEach((service, instances) -> {
			List<MeshInstance> merged = services.computeIfAbsent(service, (key) -> new ArrayList<>());
			Set<String> taken = new HashSet<>();
			merged.forEach((instance) -> {
				taken.add(instance.instanceId());
				taken.add(target(instance));
			});
			instances.stream()
				.filter((instance) -> !taken.contains(instance.instanceId()) && !taken.contains(target(instance)))
				.forEach(merged::add);
		});
		RegistrySnapshot next = new RegistrySnapshot(this.snapshot.get().revision() + 1, services);
		this.snapshot.set(next);
		Sinks.EmitResult result = this.changes.tryEmitNext(next);
		if (result.isFailure()) {
			logger.warn("Could not publish registry revision " + next.revision() + ": " + result);
		}
	}

	private static String target(MeshInstance instance) {
		return "@" + instance.address() + ":" + instance.port();
	}

	private static String describe(MeshInstance instance) {
		String host = (instance.address().indexOf(':') >= 0) ? "[" + instance.address() + "]" : instance.address();
		return instance.label() + " " + instance.instanceId() + " at " + host + ":" + instance.port();
	}

	/**
	 * Outcome of a registration.
	 *
	 * @param instance the instance as stored
	 * @param created whether the instance id was new
	 */
	record Registered(MeshInstance instance, boolean created) {

	}

	private record Lease(MeshInstance instance, Instant renewed) {

	}

}
