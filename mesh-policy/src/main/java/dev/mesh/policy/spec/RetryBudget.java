package dev.mesh.policy.spec;

import java.time.Duration;

/**
 * How many retries a destination may take on top of its requests: at most a ratio of the
 * requests plus a minimum per second, over a sliding window, so that a failing dependency
 * never sees a retry storm.
 */
public class RetryBudget {

	/**
	 * Retries allowed per request in the window, from 0 to 1 (0.2 allows 20% more calls).
	 */
	private Double ratio;

	/**
	 * Retries allowed per second of the window whatever the request rate, so that a
	 * service with little traffic can still retry.
	 */
	private Integer minRetriesPerSecond;

	/**
	 * Sliding window over which requests and retries are counted, from 1s to 60s.
	 */
	private Duration window;

	public Double getRatio() {
		return this.ratio;
	}

	public void setRatio(Double ratio) {
		this.ratio = ratio;
	}

	public Integer getMinRetriesPerSecond() {
		return this.minRetriesPerSecond;
	}

	public void setMinRetriesPerSecond(Integer minRetriesPerSecond) {
		this.minRetriesPerSecond = minRetriesPerSecond;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

}
