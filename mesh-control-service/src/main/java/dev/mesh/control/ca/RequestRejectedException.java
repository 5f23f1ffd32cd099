package dev.mesh.control.ca;

import java.util.List;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;

/**
 * A request to the certificate authority is refused: the status and reason answered; for
 * certificate requests the reason also tags the rejection metric.
 */
final class RequestRejectedException extends RuntimeException {

	private final int status;

	private final String reason;

	private final transient List<Violation> violations;

	RequestRejectedException(int status, String reason, String message) {
		this(status, reason, message, List.of());
	}

	RequestRejectedException(int status, String reason, String message, List<Violation> violations) {
		super(message, null, false, false);
		this.status = status;
		this.reason = reason;
		this.violations = List.copyOf(violations);
	}

	static RequestRejectedException unauthorized(String reason, String message) {
		return new RequestRejectedException(401, reason, message);
	}

	static RequestRejectedException forbidden(String reason, String message) {
		return new RequestRejectedException(403, reason, message);
	}

	static RequestRejectedException badRequest(String reason, String message) {
		return new RequestRejectedException(400, reason, message);
	}

	int status() {
		return this.status;
	}

	String reason() {
		return this.reason;
	}

	ApiError toApiError() {
		return new ApiError(this.status, this.reason, getMessage(), this.violations);
	}

}
