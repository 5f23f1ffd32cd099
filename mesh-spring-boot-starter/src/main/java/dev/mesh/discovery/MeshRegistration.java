package dev.mesh.discovery;

import dev.mesh.policy.registry.MeshInstance;

/**
 * State of this workload's registration with the control service.
 */
public interface MeshRegistration {

	/**
	 * Return the current state.
	 * @return the state
	 */
	State state();

	/**
	 * Return the instance as registered, or as it will be registered once the web server
	 * has started.
	 * @return the instance, {@code null} before the web server has a port
	 */
	MeshInstance instance();

	/**
	 * Return why the last attempt failed.
	 * @return the reason, {@code null} when the last attempt succeeded
	 */
	String lastError();

	/**
	 * States of a registration.
	 */
	enum State {

		/**
		 * Waiting for the application to accept traffic.
		 */
		PENDING,

		/**
		 * Registered and heartbeating.
		 */
		REGISTERED,

		/**
		 * The control service could not be reached or refused; retrying with backoff.
		 */
		RETRYING,

		/**
		 * The application refuses traffic (its readiness state), so the instance is
		 * deregistered until it accepts traffic again.
		 */
		NOT_READY,

		/**
		 * Deregistered on shutdown.
		 */
		DEREGISTERED

	}

}
