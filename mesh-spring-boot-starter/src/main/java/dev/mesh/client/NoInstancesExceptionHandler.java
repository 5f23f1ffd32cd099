package dev.mesh.client;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a call to a mesh service without instances with 503, and one that timed out
 * with 504, each with a problem detail naming the service instead of a stack trace.
 * Ordered last: the application's own handlers win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class NoInstancesExceptionHandler {

	@ExceptionHandler(NoInstancesAvailableException.class)
	ResponseEntity<ProblemDetail> noInstances(NoInstancesAvailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("No instances available");
		problem.setProperty("service", ex.getService());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
	}

	@ExceptionHandler(MeshTimeoutException.class)
	ResponseEntity<ProblemDetail> timeout(MeshTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
		problem.setTitle("Call timed out");
		problem.setProperty("service", ex.getService());
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

}
