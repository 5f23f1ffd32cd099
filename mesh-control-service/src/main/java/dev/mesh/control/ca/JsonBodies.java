package dev.mesh.control.ca;

import java.util.List;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;

/**
 * Reads small JSON request bodies strictly (unknown properties are errors) and answers
 * {@link RequestRejectedException rejections} as {@link ApiError} bodies.
 */
final class JsonBodies {

	/**
	 * Largest body accepted, in bytes.
	 */
	static final int MAX_BYTES = 32 * 1024;

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonBodies() {
	}

	/**
	 * Read the body of a request.
	 * @param <T> the type of the body
	 * @param request the request
	 * @param type the type of the body
	 * @return the body, or a {@link RequestRejectedException} when it is missing or
	 * unreadable
	 */
	static <T> Mono<T> read(ServerRequest request, Class<T> type) {
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		if (!MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			return Mono.error(new RequestRejectedException(415, "unsupported-media-type",
					"Content-Type " + contentType + " is not supported: send application/json"));
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BYTES).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new RequestRejectedException(413, "body-too-large",
							"request body is larger than " + MAX_BYTES + " bytes"))
			.filter((bytes) -> bytes.length > 0)
			.switchIfEmpty(Mono.error(() -> malformed("is required")))
			.map((bytes) -> {
				try {
					return json.readValue(bytes, type);
				}
				catch (JacksonException ex) {
					throw malformed("must be a " + type.getSimpleName() + " JSON object");
				}
			});
	}

	/**
	 * Answer a rejection.
	 * @param rejection the rejection
	 * @return the response
	 */
	static Mono<ServerResponse> respond(RequestRejectedException rejection) {
		ServerResponse.BodyBuilder response = ServerResponse.status(rejection.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (rejection.status() == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mesh\"");
		}
		return response.bodyValue(rejection.toApiError());
	}

	private static RequestRejectedException malformed(String problem) {
		return new RequestRejectedException(400, "malformed-request", "the body " + problem,
				List.of(new Violation("body", problem)));
	}

}
