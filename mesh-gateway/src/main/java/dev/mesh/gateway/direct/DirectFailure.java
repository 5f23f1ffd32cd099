package dev.mesh.gateway.direct;

/**
 * A failure of a directly forwarded request that is answered with a status: a timeout, no
 * instance to call, a refusal of the resilience chain.
 */
final class DirectFailure extends RuntimeException {

	private final int status;

	private final String refused;

	DirectFailure(int status, String message, Throwable cause) {
		this(status, message, cause, null);
	}

	private DirectFailure(int status, String message, Throwable cause, String refused) {
		super(message, cause, false, false);
		this.status = status;
		this.refused = refused;
	}

	/**
	 * A call the destination's circuit breaker or bulkhead refused.
	 * @param reason {@code circuit-open} or {@code bulkhead-full}
	 * @param cause the refusal
	 * @return the failure, answered 503
	 */
	static DirectFailure refused(String reason, RuntimeException cause) {
		return new DirectFailure(503, cause.getMessage(), cause, reason);
	}

	int status() {
		return this.status;
	}

	/**
	 * Return the simple name of the exception Spring Cloud Gateway raises for the same
	 * failure, as Spring Boot's server timer records it.
	 * @return the name
	 */
	String exceptionName() {
		return (this.status == 503 && this.refused == null) ? "NotFoundException" : "ResponseStatusException";
	}

	/**
	 * Return why the gateway refused to call the backend.
	 * @return the reason, {@code null} when it did not refuse
	 */
	String refused() {
		return this.refused;
	}

}
