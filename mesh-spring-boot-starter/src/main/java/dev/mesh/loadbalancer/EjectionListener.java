package dev.mesh.loadbalancer;

import java.time.Duration;

import dev.mesh.policy.registry.MeshInstance;

/**
 * Told when outlier detection ejects an instance.
 */
@FunctionalInterface
public interface EjectionListener {

	/**
	 * An instance was ejected.
	 * @param instance the instance
	 * @param duration how long it stays out
	 * @param ejections how many times in a row it has been ejected
	 */
	void ejected(MeshInstance instance, Duration duration, int ejections);

}
