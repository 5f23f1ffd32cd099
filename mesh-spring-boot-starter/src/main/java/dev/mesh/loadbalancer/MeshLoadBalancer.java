package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.util.Assert;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.spec.MeshPolicy;

/**
 * Picks the instance of a destination service for each call, with the algorithm, locality
 * and outlier detection that the policy sets for that destination. Per destination, the
 * state is rebuilt when the instances or the policy change and kept otherwise, so a pick
 * does no work proportional to the number of instances.
 */
public final class MeshLoadBalancer {

	private final MeshEndpoints endpoints;

	private final MeshPolicyState policy;

	private final String callerZone;

	private final LongSupplier clock;

	private final EjectionListener listener;

	private final Map<String, DestinationBalancer> destinations = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * Create a load balancer.
	 * @param endpoints the mesh's instances
	 * @param policy the policy in force, {@code null} for built-in defaults
	 * @param callerZone zone of this workload, for locality-aware balancing
	 * @param listener told of every ejection
	 */
	public MeshLoadBalancer(MeshEndpoints endpoints, MeshPolicyState policy, String callerZone,
			EjectionListener listener) {
		this(endpoints, policy, callerZone, listener, System::nanoTime);
	}

	MeshLoadBalancer(MeshEndpoints endpoints, MeshPolicyState policy, String callerZone, EjectionListener listener,
			LongSupplier clock) {
		Assert.notNull(endpoints, "'endpoints' must not be null");
		Assert.hasText(callerZone, "'callerZone' must not be empty");
		this.endpoints = endpoints;
		this.policy = policy;
		this.callerZone = callerZone;
		this.listener = (listener != null) ? listener : (instance, duration, ejections) -> {
		};
		this.clock = clock;
		endpoints.addListener((snapshot) -> this.generation.incrementAndGet());
		if (policy != null) {
			policy.addListener((applied) -> this.generation.incrementAndGet());
		}
	}

	/**
	 * Pick an instance of a destination for one call.
	 * @param service the destination service
	 * @param subset the subset to pick from, {@code null} for any instance
	 * @param keys the request's values for consistent hashing
	 * @return the pick, {@code null} when no instance of the subset is known
	 */
	public Pick choose(String service, MeshSubset subset, HashKeyValues keys) {
		return destination(service).choose(subset, keys, List.of());
	}

	/**
	 * Pick an instance of a destination for one attempt of a call, avoiding instances the
	 * call already tried while another candidate exists.
	 * @param service the destination service
	 * @param subset the subset to pick from, {@code null} for any instance
	 * @param keys the request's values for consistent hashing
	 * @param avoid ids of the instances to avoid
	 * @return the pick, {@code null} when no instance of the subset is known
	 */
	public Pick choose(String service, MeshSubset subset, HashKeyValues keys, Collection<String> avoid) {
		return destination(service).choose(subset, keys, avoid);
	}

	/**
	 * Return the effective load-balancing settings of a destination.
	 * @param service the destination service
	 * @return the settings
	 */
	public LoadBalancingSettings settings(String service) {
		return destination(service).settings();
	}

	/**
	 * Return how many instances of a destination are ejected now.
	 * @param service the destination service
	 * @return the count
	 */
	public int ejected(String service) {
		DestinationBalancer destination = this.destinations.get(service);
		return (destination != null) ? destination.ejectedCount(destination.now()) : 0;
	}

	private DestinationBalancer destination(String service) {
		long current = this.generation.get();
		DestinationBalancer destination = this.destinations.get(service);
		if (destination != null && destination.generation() == current) {
			return destination;
		}
		return this.destinations.compute(service, (name, previous) -> {
			if (previous != null && previous.generation() == current) {
				return previous;
			}
			MeshPolicy applied = (this.policy != null) ? this.policy.current().policy() : new MeshPolicy();
			return new DestinationBalancer(name, this.endpoints.instances(name),
					LoadBalancingSettings.of(applied, name), this.callerZone, current, previous, this.clock,
					this.listener);
		});
	}

	/**
	 * Describe what the load balancer knows of each destination it has called.
	 * @return one entry per destination, sorted by service
	 */
	public List<DestinationState> describe() {
		List<DestinationState> states = new ArrayList<>();
		for (String service : new java.util.TreeSet<>(this.destinations.keySet())) {
			DestinationBalancer destination = destination(service);
			long now = destination.now();
			List<InstanceState> instances = new ArrayList<>();
			for (InstanceStats stats : destination.instances()) {
				boolean ejected = stats.isEjected(now);
				instances.add(new InstanceState(stats.instance().instanceId(), stats.instance().zone(),
						stats.inFlight(), stats.latency(now) / 1_000_000.0, stats.consecutiveFailures(), ejected,
						ejected ? Duration.ofNanos(stats.ejectedUntil() - now) : null, stats.ejections()));
			}
			LoadBalancingSettings settings = destination.settings();
			states.add(new DestinationState(service, settings.algorithm().name(),
					(settings.hashKey() != null) ? settings.hashKey().toString() : null, settings.locality(),
					settings.locality() && destination.isLocal(null), settings.cohortLabel(),
					destination.ejectedCount(now), instances));
		}
		return states;
	}

	/**
	 * Zone of this workload.
	 * @return the zone
	 */
	public String callerZone() {
		return this.callerZone;
	}

	/**
	 * What the load balancer knows of one destination.
	 *
	 * @param service the destination service
	 * @param algorithm the algorithm in force
	 * @param hashKey what consistent hashing hashes, {@code null} unless it is in force
	 * @param locality whether locality-aware balancing is on
	 * @param local whether calls stay in the caller's zone right now
	 * @param cohortLabel label that carries the canary cohort, {@code null} when off
	 * @param ejected how many instances are ejected
	 * @param instances the instances
	 */
	public record DestinationState(String service, String algorithm, String hashKey, boolean locality, boolean local,
			String cohortLabel, int ejected, List<InstanceState> instances) {

	}

	/**
	 * What the load balancer knows of one instance.
	 *
	 * @param instanceId the instance
	 * @param zone its zone
	 * @param inFlight calls in flight
	 * @param latencyMillis decayed moving average of its latency
	 * @param consecutiveFailures failures in a row
	 * @param ejected whether outlier detection has taken it out
	 * @param ejectedFor time left of its ejection, {@code null} when not ejected
	 * @param ejections ejections in a row
	 */
	public record InstanceState(String instanceId, String zone, int inFlight, double latencyMillis,
			int consecutiveFailures, boolean ejected, Duration ejectedFor, int ejections) {

	}

}
