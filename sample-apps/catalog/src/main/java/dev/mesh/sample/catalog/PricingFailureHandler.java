package dev.mesh.sample.catalog;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import dev.mesh.core.MeshWorkload;

/**
 * Answers a failed call to the pricing service with a problem detail whose chain ends
 * with the workloads the failure passed through: 503 when pricing was unavailable, 502
 * otherwise.
 */
@RestControllerAdvice
class PricingFailureHandler {

	private final MeshWorkload workload;

	PricingFailureHandler(MeshWorkload workload) {
		this.workload = workload;
	}

	@ExceptionHandler
	ProblemDetail pricingFailed(RestClientResponseException ex) {
		HttpStatus status = (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())
				? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		return problem(status, "Pricing answered " + ex.getStatusCode().value(), ex.getResponseHeaders());
	}

	@ExceptionHandler
	ProblemDetail pricingUnreachable(ResourceAccessException ex) {
		return problem(HttpStatus.BAD_GATEWAY, "Pricing could not be reached: " + ex.getMostSpecificCause(), null);
	}

	private ProblemDetail problem(HttpStatus status, String detail, HttpHeaders downstream) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle("Pricing failed");
		List<String> chain = new ArrayList<>();
		chain.add(this.workload.label());
		String downstreamChain = (downstream != null) ? downstream.getFirst(Chained.HEADER) : null;
		if (downstreamChain != null) {
			for (String label : downstreamChain.split(",")) {
				if (!label.isBlank()) {
					chain.add(label.strip());
				}
			}
		}
		problem.setProperty(Chained.FIELD, chain);
		return problem;
	}

}
