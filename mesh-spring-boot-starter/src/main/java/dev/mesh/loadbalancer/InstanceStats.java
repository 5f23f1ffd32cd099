package dev.mesh.loadbalancer;

import java.util.concurrent.atomic.AtomicInteger;

import dev.mesh.policy.registry.MeshInstance;

/**
 * What the load balancer knows of one instance from the calls it made: calls in flight, a
 * peak-sensitive moving average of latency, consecutive failures and ejection state.
 * Latency samples and ejection state change under the instance's lock; readers see
 * volatile values.
 */
final class InstanceStats {

	/**
	 * Time constant of the latency average: a sample's weight halves in about 7 s.
	 */
	static final long DECAY_NANOS = 10_000_000_000L;

	/**
	 * Latency a failed call (5xx, 429, connection failure, timeout) counts as at least,
	 * so that an instance failing fast does not look fast.
	 */
	static final long FAILURE_PENALTY_NANOS = 500_000_000L;

	private final MeshInstance instance;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private volatile double latencyNanos;

	private volatile long lastSampleNanos;

	private volatile long ejectedUntilNanos;

	private int ejections;

	private long lastReturnNanos;

	InstanceStats(MeshInstance instance) {
		this.instance = instance;
	}

	MeshInstance instance() {
		return this.instance;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void finished() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Cost of sending one more call here: the decayed latency average times the calls in
	 * flight plus one. An instance with no samples yet costs next to nothing, so it is
	 * tried.
	 * @param now the current time in nanoseconds
	 * @return the cost
	 */
	double cost(long now) {
		return (latency(now) + 1) * (this.inFlight.get() + 1);
	}

	/**
	 * Latency average as of now: it decays towards zero while no sample arrives, so an
	 * instance that was slow is tried again after a while.
	 * @param now the current time in nanoseconds
	 * @return the average in nanoseconds
	 */
	double latency(long now) {
		double latency = this.latencyNanos;
		long elapsed = now - this.lastSampleNanos;
		return (elapsed > 0 && latency > 0) ? latency * Math.exp(-(double) elapsed / DECAY_NANOS) : latency;
	}

	synchronized void sample(long latency, boolean failed, long now) {
		double value = failed ? Math.max(latency, FAILURE_PENALTY_NANOS) : latency;
		double current = latency(now);
		if (value > current) {
			this.latencyNanos = value;
		}
		else {
			double weight = Math.exp(-(double) Math.max(0, now - this.lastSampleNanos) / DECAY_NANOS);
			this.latencyNanos = current * weight + value * (1 - weight);
		}
		this.lastSampleNanos = now;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	int failed() {
		return this.consecutiveFailures.incrementAndGet();
	}

	void succeeded() {
		if (this.consecutiveFailures.get() != 0) {
			this.consecutiveFailures.set(0);
		}
	}

	boolean isEjected(long now) {
		long until = this.ejectedUntilNanos;
		return until != 0 && now - until < 0;
	}

	long ejectedUntil() {
		return this.ejectedUntilNanos;
	}

	synchronized int ejections() {
		return this.ejections;
	}

	/**
	 * Eject the instance; repeat ejections last longer, unless it served well for the
	 * longest ejection time since it last returned.
	 * @param outlier the outlier settings
	 * @param now the current time in nanoseconds
	 * @return when the ejection ends
	 */
	synchronized long eject(LoadBalancingSettings.Outlier outlier, long now) {
		if (this.ejections > 0 && this.lastReturnNanos != 0
				&& now - this.lastReturnNanos > outlier.maxEjectionTime().toNanos()) {
			this.ejections = 0;
		}
		this.ejections++;
		long until = now + outlier.ejectionTime(this.ejections).toNanos();
		this.ejectedUntilNanos = (until != 0) ? until : 1;
		this.lastReturnNanos = until;
		this.consecutiveFailures.set(0);
		return until;
	}

}
