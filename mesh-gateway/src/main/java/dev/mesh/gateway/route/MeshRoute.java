package dev.mesh.gateway.route;

import java.time.Duration;
import java.util.List;

import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.ShadowTarget;
import dev.mesh.gateway.traffic.StickyKey;

/**
 * A gateway route as the mesh compiles it from a {@code GatewayRoute}: immutable and
 * compared by value, so that a route the policy did not change keeps its Spring Cloud
 * Gateway route, with its split schedule and counters, across policy changes.
 *
 * @param id the route's {@code namespace/name}
 * @param source where it comes from: {@value #POLICY} or {@value #APPLICATION}
 * @param order order among the gateway's routes, lower first
 * @param match the requests it takes
 * @param requireJwt whether its requests must carry a valid JWT
 * @param service the destination service
 * @param stripPrefix leading path segments removed before forwarding
 * @param destinations the weighted subsets, empty for any instance
 * @param sticky the key of a sticky split, {@code null} for none
 * @param cohortLabel the label carrying the service's canary cohort, {@code null} when it
 * keeps none
 * @param mirror the shadow subset, {@code null} for none
 * @param timeout overall timeout, {@code null} for none
 * @param retries retries, {@code null} for none
 * @param fault faults injected, {@code null} for none
 * @param rateLimit rate limit per client, {@code null} for none
 */
public record MeshRoute(String id, String source, int order, RequestMatch match, boolean requireJwt, String service,
		int stripPrefix, List<Destination> destinations, StickyKey sticky, String cohortLabel, ShadowTarget mirror,
		Duration timeout, RetryPolicy retries, FaultPolicy fault, RatePolicy rateLimit) {

	/**
	 * Source of a route pushed as a {@code GatewayRoute} policy.
	 */
	public static final String POLICY = "policy";

	/**
	 * Source of a route in the gateway's own {@code mesh.gateway.routes}.
	 */
	public static final String APPLICATION = "application";

	public MeshRoute {
		destinations = List.copyOf(destinations);
	}

	/**
	 * Retries of a route's requests; only idempotent requests are retried.
	 *
	 * @param attempts most attempts, the first included
	 * @param perTryTimeout timeout of each attempt, {@code null} for the gateway's
	 * response timeout
	 * @param retryOn conditions that make an attempt retriable
	 * @param backoff delay before the first retry
	 * @param maxBackoff longest delay
	 */
	public record RetryPolicy(int attempts, Duration perTryTimeout, List<String> retryOn, Duration backoff,
			Duration maxBackoff) {

		public RetryPolicy {
			retryOn = List.copyOf(retryOn);
		}

	}

	/**
	 * Faults injected into a share of a route's requests.
	 *
	 * @param delayPercent share delayed, in percent
	 * @param delay the delay, {@code null} for none
	 * @param abortPercent share aborted, in percent
	 * @param abortStatus their status, 0 for none
	 */
	public record FaultPolicy(double delayPercent, Duration delay, double abortPercent, int abortStatus) {

	}

	/**
	 * A rate per client.
	 *
	 * @param requestsPerSecond steady rate
	 * @param burst requests allowed at once above it
	 */
	public record RatePolicy(int requestsPerSecond, int burst) {

	}

}
