package dev.mesh.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The rate limit of a policy route: each client (as the gateway's {@link KeyResolver}, by
 * default {@link ClientKeyResolver}, keys it) may send {@code requestsPerSecond} plus
 * {@code burst} at once, on this instance and, with a global limit, across all instances;
 * more are answered {@code 429} with {@code Retry-After} and never forwarded.
 */
public final class RateLimitGatewayFilter implements GatewayFilter {

	private static final String UNKNOWN = "unknown";

	private final String route;

	private final int rate;

	private final int burst;

	private final KeyResolver keys;

	private final ClientRateLimiter buckets;

	/**
	 * Create the filter.
	 * @param route the route
	 * @param rate requests per second of each client
	 * @param burst requests a client may send at once above the rate
	 * @param keys keys requests by client
	 * @param buckets the token buckets
	 */
	public RateLimitGatewayFilter(String route, int rate, int burst, KeyResolver keys, ClientRateLimiter buckets) {
		this.route = route;
		this.rate = rate;
		this.burst = burst;
		this.keys = keys;
		this.buckets = buckets;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.keys.resolve(exchange)
			.defaultIfEmpty(UNKNOWN)
			.flatMap((key) -> this.buckets.acquire(this.route, key, this.rate, this.rate + this.burst))
			.flatMap((wait) -> {
				if (wait == 0) {
					return chain.filter(exchange);
				}
				exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
				exchange.getResponse()
					.getHeaders()
					.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L)));
				return exchange.getResponse().setComplete();
			});
	}

	@Override
	public String toString() {
		return "[MeshRateLimit " + this.rate + "/s per client, burst " + this.burst + "]";
	}

}
