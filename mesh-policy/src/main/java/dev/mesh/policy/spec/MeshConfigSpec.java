package dev.mesh.policy.spec;

/**
 * Mesh-wide defaults.
 */
public class MeshConfigSpec {

	/**
	 * Trust domain and mutual TLS.
	 */
	private SecurityPolicy security;

	/**
	 * Default traffic settings of every destination.
	 */
	private TrafficPolicy defaults;

	public SecurityPolicy getSecurity() {
		return this.security;
	}

	public void setSecurity(SecurityPolicy security) {
		this.security = security;
	}

	public TrafficPolicy getDefaults() {
		return this.defaults;
	}

	public void setDefaults(TrafficPolicy defaults) {
		this.defaults = defaults;
	}

}
