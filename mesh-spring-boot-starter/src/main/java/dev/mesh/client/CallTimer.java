package dev.mesh.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces the timeout of a blocking call by interrupting the calling thread when it
 * passes: the HTTP client then cancels the exchange, so the work does not go on after the
 * caller gave up. One shared daemon thread serves every call.
 */
final class CallTimer {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "mesh-call-timer");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Start timing the current thread's call.
	 * @param timeout the timeout
	 * @return the timing, to be closed when the call returns
	 */
	Timing start(Duration timeout) {
		Thread caller = Thread.currentThread();
		AtomicBoolean expired = new AtomicBoolean();
		ScheduledFuture<?> alarm = this.scheduler.schedule(() -> {
			expired.set(true);
			caller.interrupt();
		}, timeout.toNanos(), TimeUnit.NANOSECONDS);
		return new Timing(alarm, expired);
	}

	/**
	 * One timed call.
	 *
	 * @param alarm the scheduled interruption
	 * @param expired whether the timeout passed
	 */
	record Timing(ScheduledFuture<?> alarm, AtomicBoolean expired) {

		/**
		 * Stop timing. Clears an interruption this timing caused, so that it never leaks
		 * into the caller's later work.
		 * @return whether the timeout passed
		 */
		boolean stop() {
			this.alarm.cancel(false);
			if (this.expired.get()) {
				Thread.interrupted();
				return true;
			}
			return false;
		}

	}

}
