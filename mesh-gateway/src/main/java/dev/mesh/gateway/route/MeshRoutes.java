package dev.mesh.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.ShadowTarget;
import dev.mesh.gateway.traffic.StickyKey;
import dev.mesh.loadbalancer.LoadBalancingSettings;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.policy.Violation;
import dev.mesh.policy.document.GatewayRouteValidation;
import dev.mesh.policy.spec.DestinationPolicy;
import dev.mesh.policy.spec.Fault;
import dev.mesh.policy.spec.GatewayMatch;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.Retries;
import dev.mesh.policy.spec.Subset;
import dev.mesh.policy.spec.TrafficPolicy;

/**
 * Compiles the gateway routes of a policy, checking each exactly as the policy API does.
 * A route without its own timeout, retries or faults takes those of its service's policy,
 * then the mesh's defaults, as every mesh client does; retries default to three attempts
 * on connection failures, resets and 503.
 */
final class MeshRoutes {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,63}(/[A-Za-z0-9._-]{1,63})?");

	private static final List<String> DEFAULT_RETRY_ON = List.of("connect-failure", "reset", "503");

	private MeshRoutes() {
	}

	/**
	 * Compile every gateway route of a policy.
	 * @param policy the policy
	 * @param pushed whether a route id comes from a pushed policy snapshot rather than
	 * the gateway's own configuration
	 * @return the valid routes and the violations of the others
	 */
	static Compiled compile(MeshPolicy policy, Predicate<String> pushed) {
		List<MeshRoute> routes = new ArrayList<>();
		Map<String, List<Violation>> rejected = new LinkedHashMap<>();
		policy.getGateway().getRoutes().forEach((id, spec) -> {
			String path = "mesh.gateway.routes[" + id + "]";
			List<Violation> violations = new ArrayList<>();
			if (!ID.matcher(id).matches()) {
				violations.add(new Violation(path, "is not a route id such as 'shop/catalog'"));
			}
			expressions(spec.getMatch(), path + ".match", violations);
			DestinationPolicy destination = (spec.getService() != null)
					? policy.getOutbound().getDestinations().get(spec.getService()) : null;
			Map<String, Subset> subsets = (destination != null) ? destination.getSubsets() : Map.of();
			violations.addAll(GatewayRouteValidation.validate(spec, subsets.keySet(), path));
			if (violations.isEmpty()) {
				routes.add(build(id, spec, policy, destination, subsets,
						pushed.test(id) ? MeshRoute.POLICY : MeshRoute.APPLICATION));
			}
			else {
				rejected.put(id, List.copyOf(violations));
			}
		});
		return new Compiled(List.copyOf(routes), rejected);
	}

	private static MeshRoute build(String id, GatewayRouteSpec spec, MeshPolicy policy, DestinationPolicy destination,
			Map<String, Subset> subsets, String source) {
		List<Destination> destinations = spec.getDestinations()
			.stream()
			.map((weighted) -> new Destination(weighted.getSubset(), subset(subsets, weighted.getSubset()),
					weighted.getWeight()))
			.toList();
		StickyKey sticky = (spec.getStickyCookie() != null)
				? new StickyKey(StickyKey.Source.COOKIE, spec.getStickyCookie())
				: (spec.getStickyHeader() != null) ? new StickyKey(StickyKey.Source.HEADER, spec.getStickyHeader())
						: (spec.getStickyClaim() != null) ? new StickyKey(StickyKey.Source.CLAIM, spec.getStickyClaim())
								: null;
		ShadowTarget mirror = (spec.getMirror() != null) ? new ShadowTarget(spec.getMirror().getSubset(),
				subset(subsets, spec.getMirror().getSubset()), spec.getMirror().getPercent()) : null;
		TrafficPolicy defaults = policy.getOutbound().getDefaults();
		Duration timeout = first(TrafficPolicy::getTimeout, spec.getTimeout(), destination, defaults);
		MeshRoute.RatePolicy rate = (spec.getRateLimit() != null)
				? new MeshRoute.RatePolicy(spec.getRateLimit().getRequestsPerSecond(),
						(spec.getRateLimit().getBurst() != null) ? spec.getRateLimit().getBurst() : 0)
				: null;
		return new MeshRoute(id, source, (spec.getOrder() != null) ? spec.getOrder() : 0,
				RequestMatch.of(spec.getMatch()), Boolean.TRUE.equals(spec.getRequireJwt()), spec.getService(),
				(spec.getStripPrefix() != null) ? spec.getStripPrefix() : 0, destinations, sticky,
				LoadBalancingSettings.of(policy, spec.getService()).cohortLabel(), mirror, timeout,
				retries(spec.getRetries(), destination, defaults),
				fault(first(TrafficPolicy::getFault, spec.getFault(), destination, defaults)), rate);
	}

	private static MeshSubset subset(Map<String, Subset> subsets, String name) {
		return new MeshSubset(subsets.get(name).getLabels());
	}

	private static MeshRoute.RetryPolicy retries(Retries own, DestinationPolicy destination, TrafficPolicy defaults) {
		Retries service = (destination != null) ? destination.getRetries() : null;
		Retries mesh = (defaults != null) ? defaults.getRetries() : null;
		Integer attempts = firstOf(Retries::getAttempts, own, service, mesh);
		int effective = (attempts != null) ? attempts : 3;
		if (effective <= 1) {
			return null;
		}
		List<String> retryOn = firstOf((retries) -> retries.getRetryOn().isEmpty() ? null : retries.getRetryOn(), own,
				service, mesh);
		Duration backoff = firstOf(Retries::getBackoff, own, service, mesh);
		Duration maxBackoff = firstOf(Retries::getMaxBackoff, own, service, mesh);
		backoff = (backoff != null) ? backoff : Duration.ofMillis(25);
		maxBackoff = (maxBackoff != null && maxBackoff.compareTo(backoff) >= 0) ? maxBackoff : backoff.multipliedBy(10);
		return new MeshRoute.RetryPolicy(effective, firstOf(Retries::getPerTryTimeout, own, service, mesh),
				(retryOn != null) ? retryOn : DEFAULT_RETRY_ON, backoff, maxBackoff);
	}

	private static MeshRoute.FaultPolicy fault(Fault fault) {
		if (fault == null) {
			return null;
		}
		boolean delay = fault.getDelay() != null && fault.getDelay().getDuration() != null
				&& fault.getDelay().getPercent() != null && fault.getDelay().getPercent() > 0;
		boolean abort = fault.getAbort() != null && fault.getAbort().getStatus() != null
				&& fault.getAbort().getPercent() != null && fault.getAbort().getPercent() > 0;
		if (!delay && !abort) {
			return null;
		}
		return new MeshRoute.FaultPolicy(delay ? fault.getDelay().getPercent() : 0,
				delay ? fault.getDelay().getDuration() : null, abort ? fault.getAbort().getPercent() : 0,
				abort ? fault.getAbort().getStatus() : 0);
	}

	private static <T> T first(Function<TrafficPolicy, T> field, T own, TrafficPolicy destination,
			TrafficPolicy defaults) {
		if (own != null) {
			return own;
		}
		T value = (destination != null) ? field.apply(destination) : null;
		return (value != null) ? value : (defaults != null) ? field.apply(defaults) : null;
	}

	@SafeVarargs
	private static <S, T> T firstOf(Function<S, T> field, S... sources) {
		for (S source : sources) {
			T value = (source != null) ? field.apply(source) : null;
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static void expressions(GatewayMatch match, String path, List<Violation> violations) {
		check(match.getPath(), path + ".path", violations);
		check(match.getPathPrefix(), path + ".pathPrefix", violations);
		match.getHeaders().forEach((name, value) -> check(value, path + ".headers." + name, violations));
		match.getCookies().forEach((name, value) -> check(value, path + ".cookies." + name, violations));
		match.getQueryParameters()
			.forEach((name, value) -> check(value, path + ".queryParameters." + name, violations));
		match.getClaims().forEach((name, value) -> check(value, path + ".claims." + name, violations));
	}

	private static void check(String value, String path, List<Violation> violations) {
		if (value != null && (value.contains("#{") || value.contains("${"))) {
			violations.add(new Violation(path, "must not contain '#{' or '${': expressions are never evaluated"));
		}
	}

	/**
	 * The routes of one policy.
	 *
	 * @param routes the valid routes
	 * @param rejected the violations of each invalid route, by id
	 */
	record Compiled(List<MeshRoute> routes, Map<String, List<Violation>> rejected) {

	}

}
