package dev.mesh.policy.document;

import java.util.List;
import java.util.Set;

import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.DestinationPolicy;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.MeshConfigSpec;
import dev.mesh.policy.spec.Mtls;
import dev.mesh.policy.spec.RateLimit;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.ServicePolicySpec;

/**
 * Checks a bound spec of each kind, on top of {@link TrafficValidator}'s checks of the
 * traffic settings it contains.
 */
final class SpecValidator extends TrafficValidator {

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
		serviceName(spec.getGateway(), "spec.gateway");
		serviceName(spec.getService(), "spec.service");
		paths(spec.getMatch().getPath(), spec.getMatch().getPathPrefix(), "spec.match");
		methods(spec.getMatch().getMethods(), "spec.match.methods");
		headers(spec.getMatch().getHeaders(), "spec.match.headers");
		range(spec.getStripPrefix(), 0, 32, "spec.stripPrefix");
		if (!spec.getDestinations().isEmpty()) {
			weights(spec.getDestinations(), null, "spec.destinations");
		}
		if (spec.getMirror() != null) {
			if (spec.getMirror().getSubset() == null) {
				reject("spec.mirror.subset", "is required");
			}
			range(spec.getMirror().getPercent(), 0, 100, "spec.mirror.percent");
		}
		positive(spec.getTimeout(), "spec.timeout");
		if (spec.getRetries() != null) {
			retries(spec.getRetries(), "spec.retries");
		}
		checkCookieName(spec.getStickyCookie());
	}

	private void checkCookieName(String cookie) {
		if (cookie != null && !cookie.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}")) {
			reject("spec.stickyCookie", "is not a valid cookie name");
		}
	}

}
