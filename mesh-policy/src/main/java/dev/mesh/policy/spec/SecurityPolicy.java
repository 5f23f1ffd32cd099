package dev.mesh.policy.spec;

/**
 * Mesh-wide security settings.
 */
public class SecurityPolicy {

	/**
	 * Trust domain of workload identities (the host of their SPIFFE IDs).
	 */
	private String trustDomain;

	/**
	 * Mutual TLS settings.
	 */
	private Mtls mtls;

	public String getTrustDomain() {
		return this.trustDomain;
	}

	public void setTrustDomain(String trustDomain) {
		this.trustDomain = trustDomain;
	}

	public Mtls getMtls() {
		return this.mtls;
	}

	public void setMtls(Mtls mtls) {
		this.mtls = mtls;
	}

}
