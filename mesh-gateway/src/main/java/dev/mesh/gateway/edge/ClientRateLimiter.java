package dev.mesh.gateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.springframework.util.Assert;
import reactor.core.publisher.Mono;

/**
 * Local token buckets, one per route and client, without any shared store: each gateway
 * instance limits the clients it serves. A bucket holds up to its capacity, refills at
 * its rate per second and starts full. Buckets that are full again are forgotten now and
 * then (a full bucket is the same as a new one), so many clients do not grow the map
 * without bound. With a {@link GlobalRateLimiter}, a request the local bucket allows must
 * also get a token from the client's bucket in Redis, shared by every gateway instance.
 */
public final class ClientRateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final int SWEEP_EVERY = 4096;

	private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicInteger inserts = new AtomicInteger();

	private final LongSupplier clock;

	private final GlobalRateLimiter global;

	/**
	 * Create a limiter on the system's nanosecond clock.
	 */
	public ClientRateLimiter() {
		this(System::nanoTime, null);
	}

	/**
	 * Create a limiter on the system's nanosecond clock that also enforces a global
	 * limit.
	 * @param global the global limit, {@code null} for local buckets only
	 */
	public ClientRateLimiter(GlobalRateLimiter global) {
		this(System::nanoTime, global);
	}

	ClientRateLimiter(LongSupplier clock) {
		this(clock, null);
	}

	ClientRateLimiter(LongSupplier clock, GlobalRateLimiter global) {
		this.clock = clock;
		this.global = global;
	}

	/**
	 * Take a token from a client's local bucket on a route and, when there is a global
	 * limit, from its bucket in Redis too.
	 * @param route the route
	 * @param client the client key
	 * @param rate tokens added per second
	 * @param capacity most tokens the bucket holds
	 * @return 0 when the request may pass, else the nanoseconds until it may
	 */
	public Mono<Long> acquire(String route, String client, int rate, int capacity) {
		long wait = tryAcquire(route, client, rate, capacity);
		if (wait > 0 || this.global == null) {
			return Mono.just(wait);
		}
		return this.global.tryAcquire(route, client, rate, capacity);
	}

	/**
	 * Return the global limit.
	 * @return the global limit, {@code null} for local buckets only
	 */
	public GlobalRateLimiter global() {
		return this.global;
	}

	/**
	 * Take a token from a client's local bucket on a route.
	 * @param route the route
	 * @param client the client key
	 * @param rate tokens added per second
	 * @param capacity most tokens the bucket holds
	 * @return 0 when a token was taken, else the nanoseconds until one is available
	 */
	public long tryAcquire(String route, String client, int rate, int capacity) {
		Assert.isTrue(rate > 0, "'rate' must be positive");
		long now = this.clock.getAsLong();
		Key key = new Key(route, client, rate, Math.max(1, capacity));
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(k.rate(), k.capacity(), now));
			if (this.inserts.incrementAndGet() % SWEEP_EVERY == 0) {
				sweep(now);
			}
		}
		return bucket.tryTake(now);
	}

	/**
	 * Return how many buckets are kept.
	 * @return the count
	 */
	public int size() {
		return this.buckets.size();
	}

	void sweep(long now) {
		this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
	}

	private record Key(String route, String client, int rate, int capacity) {

	}

	private static final class Bucket {

		private final double capacity;

		private final double perNano;

		private double tokens;

		private long updated;

		Bucket(int rate, int capacity, long now) {
			this.capacity = capacity;
			this.perNano = (double) rate / NANOS_PER_SECOND;
			this.tokens = capacity;
			this.updated = now;
		}

		synchronized long tryTake(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((1 - this.tokens) / this.perNano));
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens >= this.capacity;
		}

		private void refill(long now) {
			long elapsed = now - this.updated;
			if (elapsed > 0) {
				this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perNano);
				this.updated = now;
			}
		}

	}

}
