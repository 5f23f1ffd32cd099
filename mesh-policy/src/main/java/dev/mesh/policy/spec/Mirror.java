package dev.mesh.policy.spec;

/**
 * A share of requests copied to a shadow subset, whose responses are discarded.
 */
public class Mirror {

	/**
	 * Subset that receives the copies.
	 */
	private String subset;

	/**
	 * Share of requests copied, in percent.
	 */
	private Integer percent;

	public String getSubset() {
		return this.subset;
	}

	public void setSubset(String subset) {
		this.subset = subset;
	}

	public Integer getPercent() {
		return this.percent;
	}

	public void setPercent(Integer percent) {
		this.percent = percent;
	}

}
