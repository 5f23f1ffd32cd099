package dev.mesh.control.registry;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.Names;

/**
 * The {@link ApiError error bodies} of the registry API.
 */
final class ApiErrors {

	private ApiErrors() {
	}

	static Mono<ServerResponse> respond(ApiError error) {
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(error);
	}

	static ApiError invalidRegistration(List<Violation> violations) {
		return new ApiError(400, "invalid-registration", "Invalid registration: " + summary(violations), violations);
	}

	static ApiError malformedBody(Violation violation) {
		return new ApiError(400, "malformed-body", "Malformed request body: " + summary(List.of(violation)),
				List.of(violation));
	}

	static ApiError invalidServiceName(String service) {
		Violation violation = new Violation("service", "must be at most " + Names.MAX_SERVICE_LENGTH
				+ " lower-case letters, digits and '-', starting and ending with a letter or digit");
		return new ApiError(400, "invalid-service", "'" + service + "' is not a service name", List.of(violation));
	}

	static ApiError unknownInstance(String instanceId) {
		return new ApiError(404, "unknown-instance", "instance " + instanceId + " is not registered", List.of());
	}

	static ApiError noInstances(String service) {
		return new ApiError(404, "no-instances", "no instances of service " + service, List.of());
	}

	static ApiError unsupportedMediaType(MediaType contentType) {
		return new ApiError(415, "unsupported-media-type",
				"Content-Type " + contentType + " is not supported: send application/json", List.of());
	}

	static ApiError bodyTooLarge(int maxBytes) {
		return new ApiError(413, "body-too-large", "request body is larger than " + maxBytes + " bytes", List.of());
	}

	private static String summary(List<Violation> violations) {
		return violations.stream()
			.map((violation) -> violation.field() + " " + violation.message())
			.collect(Collectors.joining("; "));
	}

}
