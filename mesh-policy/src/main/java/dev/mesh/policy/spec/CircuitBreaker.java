package dev.mesh.policy.spec;

import java.time.Duration;

/**
 * When calls to a destination stop for a while because too many fail or are slow.
 */
public class CircuitBreaker {

	/**
	 * Failure rate in percent at which the breaker opens.
	 */
	private Integer failureRateThreshold;

	/**
	 * Rate of slow calls in percent at which the breaker opens.
	 */
	private Integer slowCallRateThreshold;

	/**
	 * Duration above which a call counts as slow.
	 */
	private Duration slowCallDuration;

	/**
	 * Number of calls the rates are computed over.
	 */
	private Integer slidingWindowSize;

	/**
	 * Calls needed in the window before the rates count.
	 */
	private Integer minimumCalls;

	/**
	 * Time the breaker stays open before letting probes through.
	 */
	private Duration waitInOpenState;

	/**
	 * Probe calls let through while half open.
	 */
	private Integer halfOpenCalls;

	public Integer getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(Integer failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public Integer getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(Integer slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Duration getSlowCallDuration() {
		return this.slowCallDuration;
	}

	public void setSlowCallDuration(Duration slowCallDuration) {
		this.slowCallDuration = slowCallDuration;
	}

	public Integer getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(Integer slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public Integer getMinimumCalls() {
		return this.minimumCalls;
	}

	public void setMinimumCalls(Integer minimumCalls) {
		this.minimumCalls = minimumCalls;
	}

	public Duration getWaitInOpenState() {
		return this.waitInOpenState;
	}

	public void setWaitInOpenState(Duration waitInOpenState) {
		this.waitInOpenState = waitInOpenState;
	}

	public Integer getHalfOpenCalls() {
		return this.halfOpenCalls;
	}

	public void setHalfOpenCalls(Integer halfOpenCalls) {
		this.halfOpenCalls = halfOpenCalls;
	}

}
