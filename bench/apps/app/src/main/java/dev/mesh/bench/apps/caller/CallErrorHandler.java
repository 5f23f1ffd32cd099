package dev.mesh.bench.apps.caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Answers a failed call to the backend with {@code 502} and names the failure in the
 * {@value #HEADER} header (for example {@code ConnectException} or {@code backend 503}),
 * so that the failover benchmark can count errors by kind. Nothing else changes: a call
 * that succeeds never reaches this handler.
 */
@RestControllerAdvice
class CallErrorHandler {

	/**
	 * The response header naming the failure.
	 */
	static final String HEADER = "X-Bench-Error";

	private static final int MAX_LENGTH = 100;

	@ExceptionHandler(ResourceAccessException.class)
	ResponseEntity<Void> noResponse(ResourceAccessException ex) {
		return badGateway(describe((ex.getCause() != null) ? ex.getCause() : ex));
	}

	@ExceptionHandler(RestClientResponseException.class)
	ResponseEntity<Void> errorResponse(RestClientResponseException ex) {
		return badGateway("backend " + ex.getStatusCode().value());
	}

	private static ResponseEntity<Void> badGateway(String kind) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).header(HEADER, kind).build();
	}

	/**
	 * Name a failure by its type and message, in printable ASCII that fits a header.
	 * @param failure the failure
	 * @return for example {@code IOException: HTTP/1.1 header parser received no bytes}
	 */
	static String describe(Throwable failure) {
		String text = failure.getClass().getSimpleName();
		if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
			text += ": " + failure.getMessage();
		}
		text = text.replaceAll("[^\\x20-\\x7E]", "?");
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) : text;
	}

}
