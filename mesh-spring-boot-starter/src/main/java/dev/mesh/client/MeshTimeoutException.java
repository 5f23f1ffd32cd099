package dev.mesh.client;

import java.time.Duration;

/**
 * A call to a mesh service did not complete within its timeout, and was cancelled. Web
 * applications answer it with 504 Gateway Timeout unless they handle it themselves.
 */
public class MeshTimeoutException extends RuntimeException {

	private final String service;

	/**
	 * Create a new exception.
	 * @param service the service called
	 * @param timeout the timeout that passed
	 */
	public MeshTimeoutException(String service, Duration timeout) {
		super("call to service " + service + " timed out after " + timeout.toMillis() + " ms");
		this.service = service;
	}

	/**
	 * Return the service that was called.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

}
