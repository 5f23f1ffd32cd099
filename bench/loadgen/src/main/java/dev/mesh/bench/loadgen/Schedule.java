package dev.mesh.bench.loadgen;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * A fixed-rate schedule: request {@code i} is intended to start at
 * {@code startNanos + i / rate}, whatever happened to the requests before it.
 *
 * @param startNanos intended start of the first request, on the {@link System#nanoTime()}
 * clock
 * @param intervalNanos time between two intended starts
 * @param count number of requests
 */
record Schedule(long startNanos, double intervalNanos, long count) {

	Schedule {
		Assert.isTrue(intervalNanos > 0, "'intervalNanos' must be positive");
		Assert.isTrue(count >= 0, "'count' must not be negative");
	}

	/**
	 * Create the schedule of a phase.
	 * @param ratePerSecond requests per second
	 * @param duration length of the phase
	 * @param startNanos intended start of the first request
	 * @return the schedule
	 */
	static Schedule of(double ratePerSecond, Duration duration, long startNanos) {
		Assert.isTrue(ratePerSecond > 0, "'ratePerSecond' must be positive");
		Assert.isTrue(!duration.isNegative(), "'duration' must not be negative");
		long count = Math.round(ratePerSecond * duration.toNanos() / 1e9);
		return new Schedule(startNanos, 1e9 / ratePerSecond, count);
	}

	/**
	 * Return when request {@code index} is intended to start.
	 * @param index the request's position in the schedule
	 * @return its intended start on the {@link System#nanoTime()} clock
	 */
	long intendedStart(long index) {
		return this.startNanos + (long) (index * this.intervalNanos);
	}

	/**
	 * Return the intended end of the schedule: the start of a request after the last.
	 * @return the end on the {@link System#nanoTime()} clock
	 */
	long endNanos() {
		return intendedStart(this.count);
	}

}
