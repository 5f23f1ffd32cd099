package dev.mesh.control.registry;

import dev.mesh.policy.ApiError;

/**
 * Thrown when a request body cannot be read, carrying the error to answer with.
 */
final class InvalidBodyException extends RuntimeException {

	private final transient ApiError error;

	InvalidBodyException(ApiError error) {
		super(error.message(), null, false, false);
		this.error = error;
	}

	ApiError getError() {
		return this.error;
	}

}
