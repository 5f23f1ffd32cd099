package dev.mesh.policy.spec;

/**
 * Whether connections between workloads use mutual TLS.
 */
public class Mtls {

	/**
	 * Mutual TLS mode of servers.
	 */
	private MtlsMode mode;

	public MtlsMode getMode() {
		return this.mode;
	}

	public void setMode(MtlsMode mode) {
		this.mode = mode;
	}

}
