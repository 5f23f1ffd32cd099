package dev.mesh.policy.spec;

/**
 * A subset receiving a share of a route's traffic.
 */
public class WeightedSubset {

	/**
	 * Name of the subset.
	 */
	private String subset;

	/**
	 * Share of the traffic in percent; the weights of one route sum to 100.
	 */
	private Integer weight;

	public String getSubset() {
		return this.subset;
	}

	public void setSubset(String subset) {
		this.subset = subset;
	}

	public Integer getWeight() {
		return this.weight;
	}

	public void setWeight(Integer weight) {
		this.weight = weight;
	}

}
