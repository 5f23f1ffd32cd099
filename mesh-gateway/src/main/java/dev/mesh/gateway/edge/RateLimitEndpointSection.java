package dev.mesh.gateway.edge;

import dev.mesh.actuate.MeshEndpointSection;

/**
 * The {@code gatewayRateLimit} section of {@code /actuator/mesh}: how many local token
 * buckets the gateway keeps and, when the global limit is on, its Redis, failure mode and
 * what it decided so far. Read only.
 */
final class RateLimitEndpointSection implements MeshEndpointSection {

	private final ClientRateLimiter limiter;

	RateLimitEndpointSection(ClientRateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public String name() {
		return "gatewayRateLimit";
	}

	@Override
	public RateLimitDescriptor describe() {
		GlobalRateLimiter global = this.limiter.global();
		return new RateLimitDescriptor(this.limiter.size(), (global != null) ? global.stats() : null);
	}

	/**
	 * The gateway's rate limits.
	 *
	 * @param localBuckets local token buckets kept (one per route and client)
	 * @param global the global limit in Redis, {@code null} when it is off
	 */
	record RateLimitDescriptor(int localBuckets, GlobalRateLimiter.Stats global) {

	}

}
