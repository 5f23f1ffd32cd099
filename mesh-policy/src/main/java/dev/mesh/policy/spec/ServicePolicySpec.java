package dev.mesh.policy.spec;

/**
 * Policy of one service: how others call it, and what it accepts.
 */
public class ServicePolicySpec extends DestinationPolicy {

	/**
	 * Inbound rate limit per caller.
	 */
	private RateLimit rateLimit;

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(RateLimit rateLimit) {
		this.rateLimit = rateLimit;
	}

}
