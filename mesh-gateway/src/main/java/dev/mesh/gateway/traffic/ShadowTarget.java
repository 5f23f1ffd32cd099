package dev.mesh.gateway.traffic;

import java.time.Duration;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import dev.mesh.loadbalancer.MeshSubset;

/**
 * Where a route's mirrored requests go, and how many.
 *
 * @param name name of the shadow subset, as the service's policy defines it
 * @param subset the labels its instances carry
 * @param percent share of the route's requests copied, in percent
 */
public record ShadowTarget(String name, MeshSubset subset, int percent) {

	public ShadowTarget {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(subset, "'subset' must not be null");
		Assert.isTrue(percent >= 0 && percent <= 100, "'percent' must be between 0 and 100");
	}

	/**
	 * How the gateway sends copies, whatever the route.
	 *
	 * @param timeout how long a copy may take before it is cancelled
	 * @param maxBodySize largest request body copied; requests with a larger body, or
	 * with a body of unknown length, are not copied
	 * @param maxInFlight most copies in flight at once; past it, copies are dropped
	 */
	public record Settings(Duration timeout, DataSize maxBodySize, int maxInFlight) {

		public Settings {
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
			Assert.notNull(maxBodySize, "'maxBodySize' must not be null");
			Assert.isTrue(maxInFlight > 0, "'maxInFlight' must be positive");
		}

	}

}
