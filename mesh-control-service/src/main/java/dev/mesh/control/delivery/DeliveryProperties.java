package dev.mesh.control.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timing of policy delivery.
 */
@ConfigurationProperties("mesh.delivery")
public class DeliveryProperties {

	/**
	 * Quiet time after a policy change before snapshots are pushed, so that a burst of
	 * changes goes out as one push.
	 */
	private Duration debounce = Duration.ofMillis(20);

	/**
	 * Longest delay between a policy change and its push, however long the burst lasts.
	 */
	private Duration maxDelay = Duration.ofMillis(200);

	/**
	 * Comment sent on an idle policy watch stream, so that dead connections are noticed.
	 */
	private Duration keepaliveInterval = Duration.ofSeconds(10);

	/**
	 * Time after which an instance with neither a watch nor a registration is dropped
	 * from the status.
	 */
	private Duration forgetAfter = Duration.ofMinutes(5);

	public Duration getDebounce() {
		return this.debounce;
	}

	public void setDebounce(Duration debounce) {
		this.debounce = debounce;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	public Duration getKeepaliveInterval() {
		return this.keepaliveInterval;
	}

	public void setKeepaliveInterval(Duration keepaliveInterval) {
		this.keepaliveInterval = keepaliveInterval;
	}

	public Duration getForgetAfter() {
		return this.forgetAfter;
	}

	public void setForgetAfter(Duration forgetAfter) {
		this.forgetAfter = forgetAfter;
	}

}
