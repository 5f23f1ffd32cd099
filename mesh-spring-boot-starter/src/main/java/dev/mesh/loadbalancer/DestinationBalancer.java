package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Load balancing of one destination service for one view of its instances and one version
 * of the policy: a pool per subset, the instances' statistics (kept across rebuilds), and
 * outlier detection.
 */
final class DestinationBalancer {

	private static final Object ALL = new Object();

	private final String service;

	private final LoadBalancingSettings settings;

	private final String callerZone;

	private final long generation;

	private final InstanceStats[] instances;

	private final Map<Object, Pool> pools = new ConcurrentHashMap<>();

	private final Map<Object, AtomicInteger> counters;

	private final LongSupplier clock;

	private final EjectionListener listener;

	private volatile int epoch;

	DestinationBalancer(String service, List<MeshInstance> instances, LoadBalancingSettings settings, String callerZone,
			long generation, DestinationBalancer previous, LongSupplier clock, EjectionListener listener) {
		this.service = service;
		this.settings = settings;
		this.callerZone = callerZone;
		this.generation = generation;
		this.clock = clock;
		this.listener = listener;
		this.counters = (previous != null) ? previous.counters : new ConcurrentHashMap<>();
		Map<String, InstanceStats> known = new HashMap<>();
		if (previous != null) {
			for (InstanceStats stats : previous.instances) {
				known.put(stats.instance().instanceId(), stats);
			}
		}
		this.instances = new InstanceStats[instances.size()];
		for (int i = 0; i < this.instances.length; i++) {
			MeshInstance instance = instances.get(i);
			InstanceStats stats = known.get(instance.instanceId());
			this.instances[i] = (stats != null && stats.instance().equals(instance)) ? stats
					: new InstanceStats(instance);
		}
	}

	String service() {
		return this.service;
	}

	long generation() {
		return this.generation;
	}

	LoadBalancingSettings settings() {
		return this.settings;
	}

	InstanceStats[] instances() {
		return this.instances;
	}

	long now() {
		return this.clock.getAsLong();
	}

	/**
	 * Pick an instance of a subset.
	 * @param subset the subset, {@code null} for any instance
	 * @param keys the request's hash key values
	 * @param avoid ids of instances to avoid while another candidate exists
	 * @return the pick, {@code null} when the subset has no instance
	 */
	Pick choose(MeshSubset subset, HashKeyValues keys, Collection<String> avoid) {
		Pool pool = pool(subset);
		if (pool.isEmpty()) {
			return null;
		}
		long now = now();
		InstanceStats chosen = pool.pick(keys, this.epoch, now, avoid);
		return (chosen != null) ? new Pick(this, chosen, now) : null;
	}

	boolean isLocal(MeshSubset subset) {
		return pool(subset).isLocal(this.epoch, now());
	}

	private Pool pool(MeshSubset subset) {
		return this.pools.computeIfAbsent((subset != null) ? subset : ALL, (key) -> {
			InstanceStats[] members = (subset != null) ? java.util.Arrays.stream(this.instances)
				.filter((stats) -> subset.matches(labels(stats.instance())))
				.toArray(InstanceStats[]::new) : this.instances;
			AtomicInteger counter = this.counters.computeIfAbsent(key,
					(subsetKey) -> new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16)));
			return new Pool(members, this.settings, this.callerZone, counter);
		});
	}

	/**
	 * The labels a subset selects on: the instance's metadata plus its version and zone.
	 * @param instance the instance
	 * @return its labels
	 */
	static Map<String, String> labels(MeshInstance instance) {
		return new MeshServiceInstance(instance).getMetadata();
	}

	/**
	 * Count a failed call (5xx, connection failure, timeout) and eject the instance when
	 * it has failed too many times in a row, unless the most instances that may be
	 * ejected already are.
	 */
	void failed(InstanceStats stats, long now) {
		int failures = stats.failed();
		LoadBalancingSettings.Outlier outlier = this.settings.outlier();
		if (outlier.consecutiveErrors() == 0 || failures < outlier.consecutiveErrors() || stats.isEjected(now)) {
			return;
		}
		long until;
		int ejections;
		synchronized (this) {
			if (stats.isEjected(now) || ejectedCount(now) >= outlier.maxEjected(this.instances.length)) {
				return;
			}
			until = stats.eject(outlier, now);
			ejections = stats.ejections();
			this.epoch++;
		}
		this.listener.ejected(stats.instance(), Duration.ofNanos(until - now), ejections);
	}

	int ejectedCount(long now) {
		int ejected = 0;
		for (InstanceStats stats : this.instances) {
			ejected += stats.isEjected(now) ? 1 : 0;
		}
		return ejected;
	}

}
