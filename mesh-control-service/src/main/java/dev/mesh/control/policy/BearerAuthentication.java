package dev.mesh.control.policy;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.mesh.policy.ApiError;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of the given
 * credential: 401 without a bearer credential, 403 with the wrong one.
 */
public final class BearerAuthentication implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final String BEARER = "Bearer ";

	private final Credential credential;

	private final String name;

	/**
	 * Create a new filter.
	 * @param credential the credential requests must present
	 * @param name what the credential is, for messages (e.g. {@code admin token})
	 */
	public BearerAuthentication(Credential credential, String name) {
		this.credential = credential;
		this.name = name;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith(BEARER)) {
			return ServerResponse.status(401)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mesh\"")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(
						new ApiError(401, "unauthorized", "send Authorization: Bearer <" + this.name + ">", List.of()));
		}
		if (!this.credential.matches(authorization.substring(BEARER.length()).strip())) {
			return PolicyHandler
				.error(new ApiError(403, "forbidden", "the credential is not the " + this.name, List.of()));
		}
		return next.handle(request);
	}

}
