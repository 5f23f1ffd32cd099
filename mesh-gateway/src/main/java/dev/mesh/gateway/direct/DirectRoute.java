package dev.mesh.gateway.direct;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import dev.mesh.gateway.route.MeshRoute;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.gateway.route.RetryConditions;
import dev.mesh.gateway.traffic.FaultGatewayFilter;
import dev.mesh.gateway.traffic.SplitGatewayFilter;
import dev.mesh.gateway.traffic.StickyKey;
import dev.mesh.gateway.traffic.SubsetSplit;

/**
 * A mesh route as direct forwarding serves it: the route's model with the split and fault
 * shares its Spring Cloud Gateway route uses (so both paths count in the same schedule),
 * or why its requests always go through Spring Cloud Gateway.
 *
 * @param model the route
 * @param split its split, {@code null} without destinations
 * @param fault its fault injection, {@code null} without one
 * @param cohorts the cohort header of each destination that has one
 * @param retries what its attempts are retried on, {@code null} without retries
 * @param issuedCookie the sticky cookie the route issues to a request without one,
 * {@code null} when it issues none
 * @param reason why the route is not served directly, {@code null} when it is
 */
record DirectRoute(MeshRoute model, SubsetSplit split, FaultGatewayFilter fault, Map<String, String> cohorts,
		RetryConditions retries, String issuedCookie, String reason) {

	/**
	 * Plan a route built by the policy route locator.
	 * @param built the route as built
	 * @param issueCookies whether the gateway issues sticky cookies
	 * @param serviceInstanceCookies whether the load balancer adds its service instance
	 * cookie to the requests of a service
	 * @return the plan
	 */
	static DirectRoute of(PolicyRouteLocator.BuiltRoute built, boolean issueCookies,
			Predicate<String> serviceInstanceCookies) {
		MeshRoute model = built.model();
		SubsetSplit split = built.split();
		StickyKey sticky = model.sticky();
		String issuedCookie = (issueCookies && split != null && sticky != null
				&& sticky.source() == StickyKey.Source.COOKIE) ? sticky.name() : null;
		return new DirectRoute(model, split, built.fault(),
				(split != null) ? SplitGatewayFilter.cohortHeaders(split, model.cohortLabel()) : Map.of(),
				(model.retries() != null) ? RetryConditions.of(model.retries().retryOn()) : null, issuedCookie,
				serviceInstanceCookies.test(model.service()) ? "the load balancer adds service instance cookies"
						: reason(model));
	}

	private static String reason(MeshRoute model) {
		if (model.requireJwt()) {
			return "requires a JWT";
		}
		if (model.mirror() != null && model.mirror().percent() > 0) {
			return "mirrors requests";
		}
		if (model.rateLimit() != null) {
			return "has a rate limit per client";
		}
		return null;
	}

	String id() {
		return this.model.id();
	}

	boolean direct() {
		return this.reason == null;
	}

	/**
	 * Return how many attempts a request may make.
	 * @return the attempts, 1 without retries
	 */
	int attempts() {
		return (this.model.retries() != null) ? this.model.retries().attempts() : 1;
	}

	/**
	 * Return the backoff before a retry, doubling from the route's backoff up to its
	 * longest, as Spring Cloud Gateway's retry filter waits.
	 * @param retry the retry, 1 for the first
	 * @return the delay
	 */
	Duration backoff(int retry) {
		MeshRoute.RetryPolicy policy = this.model.retries();
		Duration delay = policy.backoff();
		for (int i = 1; i < retry && delay.compareTo(policy.maxBackoff()) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(policy.maxBackoff()) > 0) ? policy.maxBackoff() : delay;
	}

}
