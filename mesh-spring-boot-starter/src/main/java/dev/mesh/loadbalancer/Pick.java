package dev.mesh.loadbalancer;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.mesh.policy.registry.MeshInstance;

/**
 * The instance chosen for one call. The caller reports how the call ended, exactly once:
 * the load balancer learns in-flight counts and latency from it, and outlier detection
 * learns failures.
 */
public final class Pick {

	private final DestinationBalancer destination;

	private final InstanceStats stats;

	private final long startNanos;

	private final AtomicBoolean done = new AtomicBoolean();

	Pick(DestinationBalancer destination, InstanceStats stats, long startNanos) {
		this.destination = destination;
		this.stats = stats;
		this.startNanos = startNanos;
		stats.started();
	}

	/**
	 * Return the chosen instance.
	 * @return the instance
	 */
	public MeshInstance instance() {
		return this.stats.instance();
	}

	/**
	 * The call got a response: 5xx counts as a failure of the instance, 5xx and 429 as
	 * slow.
	 * @param status the response status code
	 */
	public void completed(int status) {
		if (this.done.compareAndSet(false, true)) {
			long now = this.destination.now();
			this.stats.finished();
			this.stats.sample(now - this.startNanos, status >= 500 || status == 429, now);
			if (status >= 500) {
				this.destination.failed(this.stats, now);
			}
			else {
				this.stats.succeeded();
			}
		}
	}

	/**
	 * The call failed without a response (connection refused or reset, timeout).
	 */
	public void failed() {
		if (this.done.compareAndSet(false, true)) {
			long now = this.destination.now();
			this.stats.finished();
			this.stats.sample(now - this.startNanos, true, now);
			this.destination.failed(this.stats, now);
		}
	}

	/**
	 * The caller gave up on the call; nothing is learnt about the instance.
	 */
	public void cancelled() {
		if (this.done.compareAndSet(false, true)) {
			this.stats.finished();
		}
	}

}
