package dev.mesh.sample.storefront;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.client.NoInstancesAvailableException;
import dev.mesh.core.MeshWorkload;

/**
 * Answers errors with problem details that carry the chain: WebFlux's own errors end
 * here, a failed catalog call continues with the chain the failure passed through (503
 * when the catalog was unavailable, 502 otherwise). Ordered ahead of the starter's own
 * handler of calls to services without instances, so that that answer carries the chain
 * too.
 */
@RestControllerAdvice
@Order(0)
class StorefrontExceptionHandler extends ResponseEntityExceptionHandler {

	private final String label;

	StorefrontExceptionHandler(MeshWorkload workload) {
		this.label = workload.label();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogFailed(WebClientResponseException ex) {
		HttpStatus status = (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())
				? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		return problem(status, "Catalog failed", "Catalog answered " + ex.getStatusCode().value(),
				MeshChain.of(this.label, MeshChain.from(ex.getHeaders())));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogUnreachable(WebClientRequestException ex) {
		return problem(HttpStatus.BAD_GATEWAY, "Catalog unreachable",
				"Catalog could not be reached: " + ex.getMessage(), List.of(this.label));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogUnavailable(NoInstancesAvailableException ex) {
		ResponseEntity<ProblemDetail> response = problem(HttpStatus.SERVICE_UNAVAILABLE, "No instances available",
				ex.getMessage(), List.of(this.label));
		response.getBody().setProperty("service", ex.getService());
		return response;
	}

	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem) {
			problem.setProperty(MeshChain.FIELD, List.of(this.label));
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<String> chain) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty(MeshChain.FIELD, chain);
		return ResponseEntity.status(status).header(MeshChain.HEADER, MeshChain.header(chain)).body(problem);
	}

}
