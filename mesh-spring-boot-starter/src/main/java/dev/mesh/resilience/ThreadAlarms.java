package dev.mesh.resilience;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time limits and waits of blocking callers. An alarm interrupts the thread that set it
 * when its time passes, so that blocking work (an HTTP exchange, a handler) stops instead
 * of running on after its caller gave up; stopping the alarm clears an interruption it
 * caused, so it never leaks into the thread's later work. One shared daemon thread serves
 * every alarm.
 */
public final class ThreadAlarms {

	private static final ScheduledThreadPoolExecutor scheduler = scheduler();

	private ThreadAlarms() {
	}

	private static ScheduledThreadPoolExecutor scheduler() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "mesh-alarms");
			thread.setDaemon(true);
			return thread;
		});
		// Most alarms are stopped long before their time: a stopped one must leave the
		// queue, not wait there (holding its thread) until its deadline
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	static int pending() {
		return scheduler.getQueue().size();
	}

	/**
	 * Interrupt the current thread when a time has passed, unless the alarm is stopped
	 * first.
	 * @param timeout the time
	 * @return the alarm, to be stopped when the guarded work ends
	 */
	public static Alarm start(Duration timeout) {
		Alarm alarm = new Alarm(Thread.currentThread());
		alarm.future = scheduler.schedule(alarm::fire, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
		return alarm;
	}

	/**
	 * Wait on the current thread, as a blocking client must between attempts.
	 * @param duration how long
	 * @throws InterruptedException when the thread is interrupted meanwhile
	 */
	public static void pause(Duration duration) throws InterruptedException {
		long until = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				throw new InterruptedException("interrupted while waiting to retry");
			}
		}
	}

	/**
	 * One alarm.
	 */
	public static final class Alarm {

		private final Thread thread;

		private volatile ScheduledFuture<?> future;

		private boolean stopped;

		private boolean fired;

		private Alarm(Thread thread) {
			this.thread = thread;
		}

		private synchronized void fire() {
			if (!this.stopped) {
				this.fired = true;
				this.thread.interrupt();
			}
		}

		/**
		 * Stop the alarm; when it went off, clear the interruption it caused.
		 * @return whether it went off
		 */
		public boolean stop() {
			synchronized (this) {
				this.stopped = true;
			}
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			if (this.fired) {
				Thread.interrupted();
			}
			return this.fired;
		}

	}

}
