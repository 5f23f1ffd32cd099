package dev.mesh.policy.spec;

/**
 * Policy of one service: how others call it, and what it accepts.
 */
public class ServicePolicySpec extends DestinationPolicy {

	/**
	 * Inbound rate limit per caller.
	 */
	private RateLimit rateLimit;

	/**
	 * Mutual TLS mode of this service's own servers, instead of the mesh-wide one.
	 */
	private Mtls mtls;

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

}
