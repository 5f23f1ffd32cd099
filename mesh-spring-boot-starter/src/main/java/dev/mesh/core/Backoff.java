package dev.mesh.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;

/**
 * Exponential backoff with jitter: the delay doubles with every attempt up to a maximum,
 * and each delay is drawn between half of it and all of it so that many instances that
 * lost the control service together do not come back in lockstep.
 *
 * @param initial delay before the second attempt
 * @param max longest delay
 */
public record Backoff(Duration initial, Duration max) {

	public Backoff {
		Assert.isTrue(initial != null && !initial.isNegative() && !initial.isZero(), "'initial' must be positive");
		Assert.isTrue(max != null && max.compareTo(initial) >= 0, "'max' must not be less than 'initial'");
	}

	/**
	 * Return the delay before the next attempt.
	 * @param failures number of consecutive failures so far, at least 1
	 * @return the delay
	 */
	public Duration delay(int failures) {
		long ceiling = ceiling(failures).toMillis();
		long half = ceiling / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
	}

	/**
	 * Return the largest delay {@link #delay(int)} may return for the given failure
	 * count.
	 * @param failures number of consecutive failures so far, at least 1
	 * @return the upper bound of the delay
	 */
	public Duration ceiling(int failures) {
		int doublings = Math.min(Math.max(failures - 1, 0), 30);
		long millis = this.initial.toMillis() << doublings;
		return (millis > 0 && millis < this.max.toMillis()) ? Duration.ofMillis(millis) : this.max;
	}

}
