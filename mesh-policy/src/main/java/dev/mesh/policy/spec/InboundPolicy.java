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
	 * Mutual TLS mode of this workload's server, instead of the mesh-wide one.
	 */
	private Mtls mtls;

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

	public Mtls getMtls() {
		return this.mtls;
	}

	public void setMtls(Mtls mtls) {
		this.mtls = mtls;
	}

	public Map<String, AccessPolicySpec> getAccess() {
		return this.access;
	}

}
