package dev.mesh.resilience;

/**
 * A token bucket: it holds up to {@code capacity} tokens, refills at {@code rate} per
 * second and starts full. Each request takes one token.
 */
final class TokenBucket {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double capacity;

	private final double perNano;

	private double tokens;

	private long updated;

	TokenBucket(int rate, int capacity, long now) {
		this.capacity = Math.max(1, capacity);
		this.perNano = (double) rate / NANOS_PER_SECOND;
		this.tokens = this.capacity;
		this.updated = now;
	}

	/**
	 * Take a token.
	 * @param now the current time in nanoseconds
	 * @return 0 when a token was taken, else the nanoseconds until one is available
	 */
	synchronized long tryTake(long now) {
		long elapsed = now - this.updated;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perNano);
			this.updated = now;
		}
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (long) Math.ceil((1 - this.tokens) / this.perNano);
	}

}
