package dev.mesh.policy.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When and how often a failed request is tried again.
 */
public class Retries {

	/**
	 * Most attempts in all, the first one included.
	 */
	private Integer attempts;

	/**
	 * Timeout of each attempt.
	 */
	private Duration perTryTimeout;

	/**
	 * Conditions that make a request retriable: connect-failure, reset, 5xx, 502, 503,
	 * 504, 429.
	 */
	private List<String> retryOn = new ArrayList<>();

	/**
	 * Delay before the first retry; later ones double, with jitter.
	 */
	private Duration backoff;

	/**
	 * Longest delay between retries.
	 */
	private Duration maxBackoff;

	public Integer getAttempts() {
		return this.attempts;
	}

	public void setAttempts(Integer attempts) {
		this.attempts = attempts;
	}

	public Duration getPerTryTimeout() {
		return this.perTryTimeout;
	}

	public void setPerTryTimeout(Duration perTryTimeout) {
		this.perTryTimeout = perTryTimeout;
	}

	public List<String> getRetryOn() {
		return this.retryOn;
	}

	public void setRetryOn(List<String> retryOn) {
		this.retryOn = retryOn;
	}

	public Duration getBackoff() {
		return this.backoff;
	}

	public void setBackoff(Duration backoff) {
		this.backoff = backoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

}
