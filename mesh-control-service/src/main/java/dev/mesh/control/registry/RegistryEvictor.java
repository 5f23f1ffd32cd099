package dev.mesh.control.registry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sweeps expired leases out of the {@link InstanceRegistry} at a fixed interval, on a
 * thread of its own, for as long as the application runs.
 */
final class RegistryEvictor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryEvictor.class);

	private final InstanceRegistry registry;

	private final Duration interval;

	private Scheduler scheduler;

	private Disposable task;

	RegistryEvictor(InstanceRegistry registry, Duration interval) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.isTrue(interval != null && !interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		this.registry = registry;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.task == null) {
			this.scheduler = Schedulers.newSingle("mesh-registry-eviction", true);
			long nanos = this.interval.toNanos();
			this.task = this.scheduler.schedulePeriodically(this::sweep, nanos, nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.dispose();
			this.scheduler.dispose();
			this.task = null;
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.task != null;
	}

	void sweep() {
		try {
			this.registry.evictExpired();
		}
		catch (RuntimeException ex) {
			// A failed sweep must not cancel the periodic task: the next one retries
			logger.warn("Eviction sweep failed", ex);
		}
	}

}
