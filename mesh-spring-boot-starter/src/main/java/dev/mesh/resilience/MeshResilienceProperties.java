package dev.mesh.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How inbound requests' deadlines are read. Everything else about resilience is policy
 * ({@code mesh.outbound.*} and {@code mesh.inbound.rate-limit}).
 */
@ConfigurationProperties("mesh.resilience")
public class MeshResilienceProperties {

	private final Deadline deadline = new Deadline();

	public Deadline getDeadline() {
		return this.deadline;
	}

	/**
	 * Deadline propagation.
	 */
	public static class Deadline {

		/**
		 * Whether inbound requests' deadline header is read, bounds their outbound calls
		 * and cancels their handling when it passes.
		 */
		private boolean enabled = true;

		/**
		 * Longest deadline accepted from an inbound request; a longer one is shortened to
		 * it.
		 */
		private Duration max = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

	}

}
