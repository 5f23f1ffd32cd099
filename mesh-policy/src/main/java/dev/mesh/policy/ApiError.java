package dev.mesh.policy;

import java.util.List;

/**
 * Error body of every control service API: an HTTP status, a short error code, a message
 * and, for invalid input, the violations with their field paths.
 *
 * @param status HTTP status code
 * @param error short machine-readable error code such as {@code invalid-registration}
 * @param message human-readable summary
 * @param violations invalid fields, empty when the error is not about input
 */
public record ApiError(int status, String error, String message, List<Violation> violations) {

	public ApiError {
		violations = (violations != null) ? List.copyOf(violations) : List.of();
	}

}
