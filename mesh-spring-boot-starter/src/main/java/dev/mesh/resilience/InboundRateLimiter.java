package dev.mesh.resilience;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.spec.Rate;
import dev.mesh.policy.spec.RateLimit;

/**
 * Local rate limits of inbound requests per caller ({@code mesh.inbound.rate-limit}): a
 * token bucket per caller, holding {@code requests-per-second + burst} tokens and
 * refilled at {@code requests-per-second}. A caller listed under {@code callers} has its
 * own rate; every other caller, unknown ones included (as one), has the default rate, or
 * no limit when none is set. The buckets start over when the policy changes the limits.
 */
final class InboundRateLimiter {

	/**
	 * Most callers tracked; any further caller shares one bucket, so that made-up caller
	 * names cannot exhaust memory.
	 */
	static final int MAX_CALLERS = 10_000;

	private static final String UNKNOWN = "";

	private static final String DEFAULT_TAG = "default";

	private static final String OVERFLOW = "*";

	private final LongSupplier clock;

	private final ResilienceListener listener;

	private final AtomicReference<Limits> limits = new AtomicReference<>();

	InboundRateLimiter(MeshPolicyState policy, ResilienceListener listener, LongSupplier clock) {
		this.clock = clock;
		this.listener = listener;
		this.limits.set(Limits.of(policy.current()));
		policy.addListener((applied) -> {
			Limits current = this.limits.get();
			Limits next = Limits.of(applied);
			if (!next.sameAs(current)) {
				this.limits.set(next);
			}
		});
	}

	/**
	 * Admit a request of a caller or not.
	 * @param caller the caller's identity, {@code null} when unknown
	 * @return 0 when admitted, else whole seconds until the caller may try again
	 */
	long acquire(String caller) {
		Limits current = this.limits.get();
		String key = (caller != null) ? caller : UNKNOWN;
		Rate rate = current.rate(key);
		if (rate == null) {
			return 0;
		}
		long now = this.clock.getAsLong();
		Map<String, TokenBucket> buckets = current.buckets();
		TokenBucket bucket = buckets.get(key);
		if (bucket == null) {
			String slot = (buckets.size() < MAX_CALLERS || current.callers().containsKey(key)) ? key : OVERFLOW;
			bucket = buckets.computeIfAbsent(slot, (name) -> new TokenBucket(rate.getRequestsPerSecond(),
					rate.getRequestsPerSecond() + ((rate.getBurst() != null) ? rate.getBurst() : 0), now));
		}
		long wait = bucket.tryTake(now);
		if (wait == 0) {
			return 0;
		}
		this.listener.rateLimited(current.callers().containsKey(key) ? key : DEFAULT_TAG);
		return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
	}

	private record Limits(Rate defaults, Map<String, Rate> callers, Map<String, TokenBucket> buckets, String key) {

		static Limits of(AppliedPolicy applied) {
			RateLimit limit = applied.policy().getInbound().getRateLimit();
			if (limit == null) {
				return new Limits(null, Map.of(), new ConcurrentHashMap<>(), "");
			}
			Rate defaults = valid(limit) ? limit : null;
			Map<String, Rate> callers = new TreeMap<>();
			limit.getCallers().forEach((caller, rate) -> {
				if (valid(rate)) {
					callers.put(caller, rate);
				}
			});
			StringBuilder key = new StringBuilder(describe(defaults));
			callers.forEach((caller, rate) -> key.append(',').append(caller).append('=').append(describe(rate)));
			return new Limits(defaults, Map.copyOf(callers), new ConcurrentHashMap<>(), key.toString());
		}

		private static boolean valid(Rate rate) {
			return rate != null && rate.getRequestsPerSecond() != null && rate.getRequestsPerSecond() > 0
					&& (rate.getBurst() == null || rate.getBurst() >= 0);
		}

		private static String describe(Rate rate) {
			return (rate != null) ? rate.getRequestsPerSecond() + "+" + rate.getBurst() : "-";
		}

		Rate rate(String caller) {
			Rate own = this.callers.get(caller);
			return (own != null) ? own : this.defaults;
		}

		boolean sameAs(Limits other) {
			return other != null && this.key.equals(other.key);
		}

	}

}
