package dev.mesh.policy.spec;

/**
 * A canary cohort that travels with a request down the call chain: the subset chosen at
 * the first hop names a label value (such as {@code version=v2}) and every later hop
 * keeps the request on instances with the same value.
 */
public class Cohort {

	/**
	 * Whether calls keep and start cohorts.
	 */
	private Boolean enabled;

	/**
	 * Instance label whose value is the cohort, {@code version} when unset.
	 */
	private String label;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public String getLabel() {
		return this.label;
	}

	public void setLabel(String label) {
		this.label = label;
	}

}
