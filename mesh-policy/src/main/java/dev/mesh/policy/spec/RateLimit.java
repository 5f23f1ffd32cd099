package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many requests per second a service accepts from each caller.
 */
public class RateLimit extends Rate {

	/**
	 * Rates of particular callers, by caller service name, instead of the default rate.
	 */
	private final Map<String, Rate> callers = new LinkedHashMap<>();

	public Map<String, Rate> getCallers() {
		return this.callers;
	}

}
