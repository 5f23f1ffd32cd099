package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy of the calls this workload accepts.
 */
public class InboundPolicy {

	/**
	 * Rate limit per caller.
	 */
	private RateLimit rateLimit;

	/**
	 * Access policies protecting this workload, by 'namespace/name'.
	 */
	private final Map<String, AccessPolicySpec> access = new LinkedHashMap<>();

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(RateLimit rateLimit) {
		this.rateLimit = rateLimit;
	}

	public Map<String, AccessPolicySpec> getAccess() {
		return this.access;
	}

}
