package dev.mesh.policy.document;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.DestinationPolicy;
import dev.mesh.policy.spec.GatewayMatch;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.MeshConfigSpec;
import dev.mesh.policy.spec.Mirror;
import dev.mesh.policy.spec.Mtls;
import dev.mesh.policy.spec.Rate;
import dev.mesh.policy.spec.RateLimit;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.ServicePolicySpec;

/**
 * Checks a bound spec of each kind, on top of {@link TrafficValidator}'s checks of the
 * traffic settings it contains.
 */
final class SpecValidator extends TrafficValidator {

	private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,128}");

	private static final Pattern QUERY_PARAMETER = Pattern.compile("[A-Za-z0-9._~!$'()*+,;:@\\[\\]-]{1,128}");

	SpecValidator(List<Violation> violations) {
		super(violations);
	}

	void validate(PolicyKind kind, Object spec) {
		switch (kind) {
			case MESH_CONFIG -> meshConfig((MeshConfigSpec) spec);
			case SERVICE_POLICY -> servicePolicy((ServicePolicySpec) spec);
			case ACCESS_POLICY -> accessPolicy((AccessPolicySpec) spec);
			case GATEWAY_ROUTE -> gatewayRoute((GatewayRouteSpec) spec);
		}
	}

	private void meshConfig(MeshConfigSpec spec) {
		if (spec.getSecurity() != null && spec.getSecurity().getTrustDomain() != null
				&& !SpiffeId.isTrustDomain(spec.getSecurity().getTrustDomain())) {
			reject("spec.security.trustDomain", SpiffeId.trustDomainRule());
		}
		if (spec.getSecurity() != null) {
			mtls(spec.getSecurity().getMtls(), "spec.security.mtls");
		}
		if (spec.getDefaults() != null) {
			traffic(spec.getDefaults(), "spec.defaults");
		}
	}

	private void mtls(Mtls mtls, String path) {
		if (mtls != null && mtls.getMode() == null) {
			reject(path + ".mode", "is required: STRICT, PERMISSIVE or DISABLED");
		}
	}

	private void servicePolicy(ServicePolicySpec spec) {
		destination(spec, "spec");
		mtls(spec.getMtls(), "spec.mtls");
		RateLimit limit = spec.getRateLimit();
		if (limit != null) {
			range(limit.getRequestsPerSecond(), 1, 1_000_000, "spec.rateLimit.requestsPerSecond");
			range(limit.getBurst(), 0, 1_000_000, "spec.rateLimit.burst");
			limit.getCallers().forEach((caller, override) -> {
				String path = "spec.rateLimit.callers." + caller;
				serviceName(caller, path);
				range(override.getRequestsPerSecond(), 1, 1_000_000, path + ".requestsPerSecond");
				range(override.getBurst(), 0, 1_000_000, path + ".burst");
			});
		}
	}

	/**
	 * Check a destination's own settings, subsets and routes.
	 * @param destination the destination policy
	 * @param path its field path
	 */
	void destination(DestinationPolicy destination, String path) {
		traffic(destination, path);
		destination.getSubsets().forEach((name, subset) -> {
			if (!Names.isLabelValue(name)) {
				reject(path + ".subsets." + name, "is not a valid subset name");
			}
			labels(subset.getLabels(), path + ".subsets." + name + ".labels");
		});
		Set<String> subsets = destination.getSubsets().keySet();
		List<Route> routes = destination.getRoutes();
		for (int i = 0; i < routes.size(); i++) {
			Route route = routes.get(i);
			String routePath = path + ".routes[" + i + "]";
			if (route.getName() != null && !Names.isLabelValue(route.getName())) {
				reject(routePath + ".name", "is not a valid route name");
			}
			paths(route.getMatch().getPath(), route.getMatch().getPathPrefix(), routePath + ".match");
			methods(route.getMatch().getMethods(), routePath + ".match.methods");
			headers(route.getMatch().getHeaders(), routePath + ".match.headers");
			if (!route.getDestinations().isEmpty()) {
				// Without destinations a route sets timeouts, retries or faults for any
				// instance.
				weights(route.getDestinations(), subsets, routePath + ".destinations");
			}
			positive(route.getTimeout(), routePath + ".timeout");
			if (route.getRetries() != null) {
				retries(route.getRetries(), routePath + ".retries");
			}
			if (route.getFault() != null) {
				fault(route.getFault(), routePath + ".fault");
			}
		}
	}

	private void accessPolicy(AccessPolicySpec spec) {
		new AccessPolicyValidator(this.violations).validate(spec, "spec", true);
	}

	private void gatewayRoute(GatewayRouteSpec spec) {
		gatewayRoute(spec, null, "spec");
	}

	/**
	 * Check a gateway route.
	 * @param spec the route
	 * @param subsets names of the subsets its service defines, or {@code null} when they
	 * are checked elsewhere
	 * @param path field path of the route
	 */
	void gatewayRoute(GatewayRouteSpec spec, Set<String> subsets, String path) {
		serviceName(spec.getGateway(), path + ".gateway");
		serviceName(spec.getService(), path + ".service");
		GatewayMatch match = spec.getMatch();
		paths(match.getPath(), match.getPathPrefix(), path + ".match");
		methods(match.getMethods(), path + ".match.methods");
		headers(match.getHeaders(), path + ".match.headers");
		match.getCookies().keySet().forEach((name) -> cookieName(name, path + ".match.cookies." + name));
		match.getQueryParameters().keySet().forEach((name) -> {
			if (!QUERY_PARAMETER.matcher(name).matches()) {
				reject(path + ".match.queryParameters." + name, "is not a valid query parameter name");
			}
		});
		match.getClaims().forEach((name, value) -> {
			claimName(name, path + ".match.claims." + name);
			if (value == null || value.isEmpty()) {
				reject(path + ".match.claims." + name, "must not be empty");
			}
		});
		range(spec.getStripPrefix(), 0, 32, path + ".stripPrefix");
		if (!spec.getDestinations().isEmpty()) {
			weights(spec.getDestinations(), subsets, path + ".destinations");
		}
		if (spec.getMirror() != null) {
			Mirror mirror = spec.getMirror();
			if (mirror.getSubset() == null) {
				reject(path + ".mirror.subset", "is required");
			}
			else if (subsets != null && !subsets.contains(mirror.getSubset())) {
				reject(path + ".mirror.subset", "'" + mirror.getSubset() + "' is not a defined subset");
			}
			required(mirror.getPercent(), path + ".mirror.percent");
			range(mirror.getPercent(), 0, 100, path + ".mirror.percent");
		}
		positive(spec.getTimeout(), path + ".timeout");
		if (spec.getRetries() != null) {
			retries(spec.getRetries(), path + ".retries");
		}
		if (spec.getFault() != null) {
			fault(spec.getFault(), path + ".fault");
		}
		Rate limit = spec.getRateLimit();
		if (limit != null) {
			required(limit.getRequestsPerSecond(), path + ".rateLimit.requestsPerSecond");
			range(limit.getRequestsPerSecond(), 1, 1_000_000, path + ".rateLimit.requestsPerSecond");
			range(limit.getBurst(), 0, 1_000_000, path + ".rateLimit.burst");
		}
		if (spec.getStickyCookie() != null) {
			cookieName(spec.getStickyCookie(), path + ".stickyCookie");
		}
		if (spec.getStickyHeader() != null) {
			headerName(spec.getStickyHeader(), path + ".stickyHeader");
			if (spec.getStickyCookie() != null) {
				reject(path + ".stickyHeader", "must not be set with stickyCookie: a route has one sticky key");
			}
		}
		if (spec.getStickyClaim() != null) {
			claimName(spec.getStickyClaim(), path + ".stickyClaim");
			if (spec.getStickyCookie() != null || spec.getStickyHeader() != null) {
				reject(path + ".stickyClaim",
						"must not be set with stickyCookie or stickyHeader: a route has one sticky key");
			}
		}
	}

	private void claimName(String claim, String path) {
		if (!CLAIM_NAME.matcher(claim).matches()) {
			reject(path, "is not a valid claim name: 1 to 128 letters, digits or _ . : / -");
		}
	}

	private void cookieName(String cookie, String path) {
		if (!COOKIE_NAME.matcher(cookie).matches()) {
			reject(path, "is not a valid cookie name");
		}
	}

}
