package dev.mesh.client;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.mesh.resilience.BulkheadFullException;
import dev.mesh.resilience.CircuitOpenException;

/**
 * Answers a call to a mesh service without instances, with an open circuit breaker or a
 * full bulkhead with 503, and one that timed out with 504, each with a problem detail
 * naming the service instead of a stack trace. Ordered last: the application's own
 * handlers win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class NoInstancesExceptionHandler {

	@ExceptionHandler(NoInstancesAvailableException.class)
	ResponseEntity<ProblemDetail> noInstances(NoInstancesAvailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "No instances available", ex.getMessage(), ex.getService());
	}

	@ExceptionHandler(CircuitOpenException.class)
	ResponseEntity<ProblemDetail> circuitOpen(CircuitOpenException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Circuit open", ex.getMessage(), ex.getService());
	}

	@ExceptionHandler(BulkheadFullException.class)
	ResponseEntity<ProblemDetail> bulkheadFull(BulkheadFullException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many concurrent calls", ex.getMessage(), ex.getService());
	}

	@ExceptionHandler(MeshTimeoutException.class)
	ResponseEntity<ProblemDetail> timeout(MeshTimeoutException ex) {
		return problem(HttpStatus.GATEWAY_TIMEOUT, "Call timed out", ex.getMessage(), ex.getService());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
			String service) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("service", service);
		return ResponseEntity.status(status).body(problem);
	}

}
