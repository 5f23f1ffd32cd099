package dev.mesh.policy.identity;

/**
 * A text is not a SPIFFE ID of the form
 * {@code spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>}; the message says
 * why.
 */
public class InvalidSpiffeIdException extends IllegalArgumentException {

	InvalidSpiffeIdException(String message) {
		super(message);
	}

}
