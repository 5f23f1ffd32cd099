package dev.mesh.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.edge.GlobalRateLimitProperties.FailureMode;

/**
 * Token buckets kept in Redis, one per route and client, shared by every gateway instance
 * that uses the same Redis: one atomic script (fixed in this class; no request or policy
 * text is ever part of it) refills and takes a token on Redis's clock, so instances with
 * different clocks agree. When Redis fails or does not answer within the timeout, the
 * {@link FailureMode} decides, the failure is counted and logged once until Redis answers
 * again.
 */
public final class GlobalRateLimiter {

	private static final Log logger = LogFactory.getLog(GlobalRateLimiter.class);

	/**
	 * Name of the counter of decisions.
	 */
	static final String DECISIONS = "mesh.gateway.rate-limit.global";

	/**
	 * Takes a token from the bucket {@code KEYS[1]} refilled at {@code ARGV[1]} tokens
	 * per second up to {@code ARGV[2]}; answers 0, or the microseconds until a token is
	 * available. A bucket expires once it would be full again.
	 */
	static final RedisScript<Long> TOKEN_BUCKET = RedisScript.of("""
			local rate = tonumber(ARGV[1])
			local capacity = tonumber(ARGV[2])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
			local tokens = tonumber(bucket[1]) or capacity
			local updated = tonumber(bucket[2]) or now
			if now > updated then
			  tokens = math.min(capacity, tokens + (now - updated) * rate / 1000000)
			  updated = now
			end
			local wait = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			else
			  wait = math.ceil((1 - tokens) * 1000000 / rate)
			end
			redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
			  'updated', string.format('%.0f', updated))
			redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
			return wait
			""", Long.class);

	private static final long CLOSED_WAIT = TimeUnit.SECONDS.toNanos(1);

	private static final int LONGEST_CLIENT_KEY = 128;

	private final ReactiveStringRedisTemplate redis;

	private final String redisAddress;

	private final FailureMode failureMode;

	private final Duration timeout;

	private final String keyPrefix;

	private final MeterRegistry meters;

	private final AtomicLong allowed = new AtomicLong();

	private final AtomicLong limited = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

	/**
	 * Create a limiter.
	 * @param redis the Redis it keeps its buckets in
	 * @param redisAddress where that Redis is, as shown in {@code /actuator/mesh}
	 * @param properties the settings
	 * @param meters the registry to count decisions in, {@code null} for none
	 */
	public GlobalRateLimiter(ReactiveStringRedisTemplate redis, String redisAddress,
			GlobalRateLimitProperties properties, MeterRegistry meters) {
		Assert.notNull(redis, "'redis' must not be null");
		Assert.notNull(properties.getFailureMode(), "'failureMode' must not be null");
		Assert.isTrue(properties.getTimeout() != null && !properties.getTimeout().isNegative()
				&& !properties.getTimeout().isZero(), "'timeout' must be positive");
		this.redis = redis;
		this.redisAddress = redisAddress;
		this.failureMode = properties.getFailureMode();
		this.timeout = properties.getTimeout();
		this.keyPrefix = (properties.getKeyPrefix() != null) ? properties.getKeyPrefix() : "";
		this.meters = meters;
	}

	/**
	 * Take a token from a client's bucket on a route, shared by every gateway instance.
	 * @param route the route
	 * @param client the client key
	 * @param rate tokens added per second
	 * @param capacity most tokens the bucket holds
	 * @return 0 when a token was taken (or Redis failed and the failure mode is
	 * {@link FailureMode#OPEN}), else the nanoseconds until one is available
	 */
	public Mono<Long> tryAcquire(String route, String client, int rate, int capacity) {
		Assert.isTrue(rate > 0, "'rate' must be positive");
		List<String> keys = List.of(key(route, client, rate, Math.max(1, capacity)));
		List<String> arguments = List.of(Integer.toString(rate), Integer.toString(Math.max(1, capacity)));
		return Mono.defer(() -> this.redis.execute(TOKEN_BUCKET, keys, arguments).next())
			.timeout(this.timeout)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis answered the script with nothing")))
			.map((micros) -> answered(route, TimeUnit.MICROSECONDS.toNanos(micros)))
			.onErrorResume((ex) -> Mono.just(failed(route, ex)));
	}

	/**
	 * Return what the limiter decided so far.
	 * @return the statistics
	 */
	public Stats stats() {
		Failure failure = this.lastFailure.get();
		return new Stats(this.redisAddress, this.failureMode, this.timeout, this.failing.get(), this.allowed.get(),
				this.limited.get(), this.failures.get(), (failure != null) ? failure.message() : null,
				(failure != null) ? failure.time() : null);
	}

	String key(String route, String client, int rate, int capacity) {
		String id = (client.length() <= LONGEST_CLIENT_KEY) ? client : "sha256:" + sha256(client);
		return this.keyPrefix + route + ":" + rate + ":" + capacity + ":" + id;
	}

	private long answered(String route, long wait) {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Redis of the global rate limit (" + this.redisAddress + ") answers again");
		}
		AtomicLong decided = (wait == 0) ? this.allowed : this.limited;
		decided.incrementAndGet();
		count(route, (wait == 0) ? "allowed" : "limited");
		return wait;
	}

	private long failed(String route, Throwable failure) {
		this.failures.incrementAndGet();
		String message = (failure.getMessage() != null)
				? failure.getClass().getSimpleName() + ": " + failure.getMessage() : failure.getClass().getSimpleName();
		this.lastFailure.set(new Failure(message, Instant.now()));
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Redis of the global rate limit ("
					+ this.redisAddress + ") failed (" + message + "): " + ((this.failureMode == FailureMode.OPEN)
							? "allowing requests within the local limits" : "refusing rate-limited requests with 429")
					+ " until it answers again");
		}
		count(route, "failed");
		return (this.failureMode == FailureMode.OPEN) ? 0 : CLOSED_WAIT;
	}

	private void count(String route, String outcome) {
		if (this.meters != null) {
			Counter.builder(DECISIONS)
				.description("Decisions of the global rate limit, by route and outcome (allowed, limited, failed)")
				.tag("mesh.route", route)
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Failure(String message, Instant time) {

	}

	/**
	 * What the global rate limit decided so far.
	 *
	 * @param redis where its Redis is
	 * @param failureMode what a request gets while Redis fails
	 * @param timeout how long a request waits for Redis
	 * @param failing whether the last call to Redis failed
	 * @param allowed requests Redis allowed
	 * @param limited requests Redis refused
	 * @param failures calls to Redis that failed or timed out
	 * @param lastFailure the last failure, {@code null} for none
	 * @param lastFailureAt when it happened, {@code null} for none
	 */
	public record Stats(String redis, FailureMode failureMode, Duration timeout, boolean failing, long allowed,
			long limited, long failures, String lastFailure, Instant lastFailureAt) {

	}

}
