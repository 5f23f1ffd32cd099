package dev.mesh.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's {@code RequestRateLimiter} without Redis: each route's clients
 * get local token buckets in a {@link ClientRateLimiter} (and, when the global limit is
 * on, buckets shared in Redis), configured like the Redis rate limiter under
 * {@code local-rate-limiter.*} filter arguments.
 */
public final class LocalRateLimiter extends AbstractRateLimiter<LocalRateLimiter.Config> {

	/**
	 * Prefix of the filter arguments this limiter reads.
	 */
	public static final String CONFIGURATION_PROPERTY_NAME = "local-rate-limiter";

	private final ClientRateLimiter buckets;

	/**
	 * Create the limiter.
	 * @param buckets the token buckets
	 * @param configurationService binds the routes' filter arguments
	 */
	public LocalRateLimiter(ClientRateLimiter buckets, ConfigurationService configurationService) {
		super(Config.class, CONFIGURATION_PROPERTY_NAME, configurationService);
		this.buckets = buckets;
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		Config config = getConfig().get(routeId);
		if (config == null) {
			return Mono.error(new IllegalStateException("Route " + routeId + " has no " + CONFIGURATION_PROPERTY_NAME
					+ ".replenish-rate argument for its RequestRateLimiter filter"));
		}
		return this.buckets.acquire(routeId, id, config.getReplenishRate(), config.getBurstCapacity()).map((wait) -> {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-RateLimit-Replenish-Rate", Integer.toString(config.getReplenishRate()));
			headers.put("X-RateLimit-Burst-Capacity", Integer.toString(config.getBurstCapacity()));
			if (wait > 0) {
				headers.put("Retry-After", Long.toString(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L)));
			}
			return new Response(wait == 0, headers);
		});
	}

	/**
	 * The rate of one route's clients.
	 */
	public static class Config {

		/**
		 * Requests per second each client may send.
		 */
		private int replenishRate = 1;

		/**
		 * Requests each client may send at once.
		 */
		private int burstCapacity = 1;

		public int getReplenishRate() {
			return this.replenishRate;
		}

		public Config setReplenishRate(int replenishRate) {
			this.replenishRate = replenishRate;
			return this;
		}

		public int getBurstCapacity() {
			return this.burstCapacity;
		}

		public Config setBurstCapacity(int burstCapacity) {
			this.burstCapacity = burstCapacity;
			return this;
		}

		@Override
		public String toString() {
			return "Config[replenishRate=" + this.replenishRate + ", burstCapacity=" + this.burstCapacity + "]";
		}

	}

}
