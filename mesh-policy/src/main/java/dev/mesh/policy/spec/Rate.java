package dev.mesh.policy.spec;

/**
 * A request rate: a steady rate per second and a burst above it.
 */
public class Rate {

	/**
	 * Requests per second a caller may send.
	 */
	private Integer requestsPerSecond;

	/**
	 * Requests a caller may send at once above the steady rate.
	 */
	private Integer burst;

	public Integer getRequestsPerSecond() {
		return this.requestsPerSecond;
	}

	public void setRequestsPerSecond(Integer requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
	}

	public Integer getBurst() {
		return this.burst;
	}

	public void setBurst(Integer burst) {
		this.burst = burst;
	}

}
