package dev.mesh.policy.spec;

/**
 * Locality-aware load balancing: keep calls in the caller's zone while enough of the
 * instances there are healthy.
 */
public class Locality {

	/**
	 * Whether calls prefer instances in the caller's zone.
	 */
	private Boolean enabled;

	/**
	 * Share of the caller-zone instances, in percent, that must be healthy (not ejected)
	 * to keep calls in the zone; below it calls spill over to every zone.
	 */
	private Integer minHealthyPercent;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public Integer getMinHealthyPercent() {
		return this.minHealthyPercent;
	}

	public void setMinHealthyPercent(Integer minHealthyPercent) {
		this.minHealthyPercent = minHealthyPercent;
	}

}
