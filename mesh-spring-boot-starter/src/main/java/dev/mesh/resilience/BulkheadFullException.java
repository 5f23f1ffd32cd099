package dev.mesh.resilience;

/**
 * A call was not sent because its destination already has as many calls in flight as its
 * bulkhead allows. Web applications answer it with 503 Service Unavailable unless they
 * handle it themselves.
 */
public class BulkheadFullException extends RuntimeException {

	private final String service;

	/**
	 * Create a new exception.
	 * @param service the destination
	 * @param limit the most calls in flight allowed
	 */
	public BulkheadFullException(String service, int limit) {
		super("too many concurrent calls to service " + service + " (limit " + limit + ")", null, false, false);
		this.service = service;
	}

	/**
	 * Return the destination whose bulkhead is full.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

}
