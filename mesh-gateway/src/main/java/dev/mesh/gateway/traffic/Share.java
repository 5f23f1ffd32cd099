package dev.mesh.gateway.traffic;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.util.Assert;

/**
 * An exact share of a sequence of requests, chosen by counting rather than at random: of
 * any {@code n} consecutive requests, {@code n * percent / 100} rounded down or up are
 * chosen, spread evenly (request {@code i} is chosen when
 * {@code floor((i + 1) * p) > floor(i * p)}).
 */
public final class Share {

	private static final long SCALE = 1_000_000L;

	private final long perMillion;

	private final AtomicLong counter = new AtomicLong();

	/**
	 * Create a share.
	 * @param percent the share in percent, from 0 to 100, fractions allowed down to a
	 * ten-thousandth of a percent
	 */
	public Share(double percent) {
		Assert.isTrue(percent >= 0 && percent <= 100, "'percent' must be between 0 and 100");
		this.perMillion = Math.round(percent * (SCALE / 100));
	}

	/**
	 * Whether the next request is in the share.
	 * @return whether it is chosen
	 */
	public boolean next() {
		if (this.perMillion == 0) {
			return false;
		}
		if (this.perMillion == SCALE) {
			return true;
		}
		long index = Long.remainderUnsigned(this.counter.getAndIncrement(), SCALE);
		return ((index + 1) * this.perMillion) / SCALE > (index * this.perMillion) / SCALE;
	}

}
