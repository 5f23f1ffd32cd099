package dev.mesh.resilience;

/**
 * A call was not sent because the circuit breaker of its destination is open. Web
 * applications answer it with 503 Service Unavailable unless they handle it themselves.
 */
public class CircuitOpenException extends RuntimeException {

	private final String service;

	/**
	 * Create a new exception.
	 * @param service the destination
	 */
	public CircuitOpenException(String service) {
		super("circuit breaker of service " + service + " is open", null, false, false);
		this.service = service;
	}

	/**
	 * Return the destination whose breaker is open.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

}
