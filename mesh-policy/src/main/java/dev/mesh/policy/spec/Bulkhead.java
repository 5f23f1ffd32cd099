package dev.mesh.policy.spec;

/**
 * How many calls to a destination may be in flight at once.
 */
public class Bulkhead {

	/**
	 * Most calls in flight; more are rejected at once.
	 */
	private Integer maxConcurrentCalls;

	public Integer getMaxConcurrentCalls() {
		return this.maxConcurrentCalls;
	}

	public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
		this.maxConcurrentCalls = maxConcurrentCalls;
	}

}
