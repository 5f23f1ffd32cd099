package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ingress routes of a gateway workload.
 */
public class GatewayPolicy {

	/**
	 * Routes by 'namespace/name'.
	 */
	private final Map<String, GatewayRouteSpec> routes = new LinkedHashMap<>();

	public Map<String, GatewayRouteSpec> getRoutes() {
		return this.routes;
	}

}
