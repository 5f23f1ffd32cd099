package dev.mesh.client;

/**
 * A mesh service was called but no instance of it is available. Web applications answer
 * it with 503 Service Unavailable unless they handle it themselves.
 */
public class NoInstancesAvailableException extends RuntimeException {

	private final String service;

	/**
	 * Create a new exception.
	 * @param service the service that has no instances
	 * @param subset the subset the request asked for, or {@code null}
	 */
	public NoInstancesAvailableException(String service, Object subset) {
		super("no instances of service " + service + ((subset != null) ? " matching " + subset : ""));
		this.service = service;
	}

	/**
	 * Return the service that has no instances.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

}
