package dev.mesh.policy.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy of calls to one destination service: its subsets and routes on top of the
 * traffic settings.
 */
public class DestinationPolicy extends TrafficPolicy {

	/**
	 * Subsets of the service's instances, by name.
	 */
	private final Map<String, Subset> subsets = new LinkedHashMap<>();

	/**
	 * Routes, tried in order; the first that matches takes the request.
	 */
	private List<Route> routes = new ArrayList<>();

	public Map<String, Subset> getSubsets() {
		return this.subsets;
	}

	public List<Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<Route> routes) {
		this.routes = routes;
	}

}
