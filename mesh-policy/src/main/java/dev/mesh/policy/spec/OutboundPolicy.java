package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy of this workload's calls to other services: defaults and per-destination
 * overrides.
 */
public class OutboundPolicy {

	/**
	 * Settings of calls to every destination without its own.
	 */
	private TrafficPolicy defaults = new TrafficPolicy();

	/**
	 * Settings, subsets and routes of calls to each destination service, by service name.
	 */
	private final Map<String, DestinationPolicy> destinations = new LinkedHashMap<>();

	public TrafficPolicy getDefaults() {
		return this.defaults;
	}

	public void setDefaults(TrafficPolicy defaults) {
		this.defaults = defaults;
	}

	public Map<String, DestinationPolicy> getDestinations() {
		return this.destinations;
	}

}
