package dev.mesh.policy.spec;

import java.time.Duration;

/**
 * A delay injected into a share of requests.
 */
public class FaultDelay {

	/**
	 * Share of requests delayed, in percent (0 to 100, fractions allowed).
	 */
	private Double percent;

	/**
	 * How long a delayed request waits before it is sent.
	 */
	private Duration duration;

	public Double getPercent() {
		return this.percent;
	}

	public void setPercent(Double percent) {
		this.percent = percent;
	}

	public Duration getDuration() {
		return this.duration;
	}

	public void setDuration(Duration duration) {
		this.duration = duration;
	}

}
