package dev.mesh.discovery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the inbound requests this workload is serving, so that a draining instance can
 * wait until the last one has been answered.
 */
final class InboundRequests {

	private final AtomicInteger active = new AtomicInteger();

	private final Object monitor = new Object();

	void started() {
		this.active.incrementAndGet();
	}

	void finished() {
		if (this.active.decrementAndGet() <= 0) {
			synchronized (this.monitor) {
				this.monitor.notifyAll();
			}
		}
	}

	/**
	 * Return the number of requests being served.
	 * @return the number of requests
	 */
	int active() {
		return this.active.get();
	}

	/**
	 * Wait until no request is being served.
	 * @param timeout longest time to wait
	 * @return whether no request is being served
	 * @throws InterruptedException when interrupted while waiting
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.active.get() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
			}
		}
		return true;
	}

}
