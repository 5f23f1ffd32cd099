package dev.mesh.policy.spec;

import java.time.Duration;

/**
 * When an instance that keeps failing is taken out of load balancing for a while.
 */
public class OutlierDetection {

	/**
	 * Consecutive 5xx or connection failures that eject an instance.
	 */
	private Integer consecutiveErrors;

	/**
	 * Ejection time of a first ejection; it grows with each repeat.
	 */
	private Duration baseEjectionTime;

	/**
	 * Longest ejection time.
	 */
	private Duration maxEjectionTime;

	/**
	 * Largest share of a service's instances ejected at once, in percent.
	 */
	private Integer maxEjectionPercent;

	public Integer getConsecutiveErrors() {
		return this.consecutiveErrors;
	}

	public void setConsecutiveErrors(Integer consecutiveErrors) {
		this.consecutiveErrors = consecutiveErrors;
	}

	public Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	public void setBaseEjectionTime(Duration baseEjectionTime) {
		this.baseEjectionTime = baseEjectionTime;
	}

	public Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	public void setMaxEjectionTime(Duration maxEjectionTime) {
		this.maxEjectionTime = maxEjectionTime;
	}

	public Integer getMaxEjectionPercent() {
		return this.maxEjectionPercent;
	}

	public void setMaxEjectionPercent(Integer maxEjectionPercent) {
		this.maxEjectionPercent = maxEjectionPercent;
	}

}
