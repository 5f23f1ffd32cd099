package dev.mesh.control.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a task once after a burst of triggers: when the triggers pause for the debounce
 * time, and never later than the maximum delay after the first trigger of the burst.
 */
final class Coalescer {

	private final ScheduledExecutorService scheduler;

	private final Runnable task;

	private final long debounceNanos;

	private final long maxDelayNanos;

	private final LongSupplier clock;

	private ScheduledFuture<?> pending;

	private long burstStart;

	private long fireAt;

	Coalescer(ScheduledExecutorService scheduler, Runnable task, Duration debounce, Duration maxDelay) {
		this(scheduler, task, debounce, maxDelay, System::nanoTime);
	}

	Coalescer(ScheduledExecutorService scheduler, Runnable task, Duration debounce, Duration maxDelay,
			LongSupplier clock) {
		this.clock = clock;
		this.scheduler = scheduler;
		this.task = task;
		this.debounceNanos = debounce.toNanos();
		this.maxDelayNanos = maxDelay.toNanos();
	}

	synchronized void trigger() {
		long now = this.clock.getAsLong();
		boolean burstGoingOn = this.pending != null && !this.pending.isDone();
		if (!burstGoingOn) {
			this.burstStart = now;
		}
		long next = Math.min(now + this.debounceNanos, this.burstStart + this.maxDelayNanos);
		if (burstGoingOn) {
			if (next - this.fireAt <= 0) {
				// Capped at the maximum delay: the run already due must not be pushed
				// back.
				return;
			}
			if (!this.pending.cancel(false)) {
				this.burstStart = now;
				next = now + this.debounceNanos;
			}
		}
		this.fireAt = next;
		this.pending = this.scheduler.schedule(this::run, Math.max(0, next - now), TimeUnit.NANOSECONDS);
	}

	private void run() {
		synchronized (this) {
			this.pending = null;
		}
		this.task.run();
	}

}
