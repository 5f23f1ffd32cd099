package dev.mesh.control.ca;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.JoinTokenRequest;
import dev.mesh.policy.identity.SpiffeId;

/**
 * HTTP handlers of {@code /v1/join-tokens} (admin token): mint, list, revoke. Writes run
 * on a blocking-friendly scheduler, because the store forces the file to disk.
 */
final class JoinTokenHandler {

	private static final String DEFAULT_NAMESPACE = "default";

	private static final Duration MIN_TTL = Duration.ofMinutes(1);

	private static final Duration MAX_TTL = Duration.ofDays(3650);

	private final JoinTokenStore store;

	private final String trustDomain;

	JoinTokenHandler(JoinTokenStore store, String trustDomain) {
		this.store = store;
		this.trustDomain = trustDomain;
	}

	Mono<ServerResponse> mint(ServerRequest request) {
		return JsonBodies.read(request, JoinTokenRequest.class).flatMap((body) -> {
			List<Violation> violations = new ArrayList<>();
			String namespace = (body.namespace() != null) ? body.namespace() : DEFAULT_NAMESPACE;
			if (!SpiffeId.isNamespace(namespace)) {
				violations.add(new Violation("namespace", SpiffeId.namespaceRule()));
			}
			String serviceAccount = body.serviceAccount();
			if (serviceAccount == null || serviceAccount.isEmpty()) {
				violations.add(new Violation("serviceAccount", "is required"));
			}
			else if (!SpiffeId.isServiceAccount(serviceAccount)) {
				violations.add(new Violation("serviceAccount", SpiffeId.serviceAccountRule()));
			}
			else if (CertificateApi.CONTROL_SERVICE_NAMESPACE.equals(namespace)
					&& CertificateApi.CONTROL_SERVICE_ACCOUNT.equals(serviceAccount)) {
				violations.add(new Violation("serviceAccount", "is reserved for the control service"));
			}
			Duration ttl = ttl(body.ttl(), violations);
			if (!violations.isEmpty()) {
				return Mono.error(new RequestRejectedException(400, "invalid-join-token", "invalid join token request",
						violations));
			}
			SpiffeId id = new SpiffeId(this.trustDomain, namespace, serviceAccount);
			return blocking(() -> this.store.mint(id, ttl));
		})
			.flatMap((token) -> ServerResponse.created(URI.create(CertificateApi.JOIN_TOKENS + "/" + token.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(token))
			.onErrorResume(RequestRejectedException.class, JsonBodies::respond);
	}

	Mono<ServerResponse> list(ServerRequest request) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(this.store.list());
	}

	Mono<ServerResponse> revoke(ServerRequest request) {
		String id = request.pathVariable("id");
		if (!JoinTokenStore.isTokenId(id)) {
			return notFound(id);
		}
		return blocking(() -> this.store.revoke(id))
			.flatMap((revoked) -> revoked ? ServerResponse.noContent().build() : notFound(id));
	}

	private static @Nullable Duration ttl(@Nullable String text, List<Violation> violations) {
		if (text == null) {
			return null;
		}
		try {
			Duration ttl = DurationStyle.detectAndParse(text);
			if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
				violations.add(new Violation("ttl", "must be between 1m and 3650d"));
			}
			return ttl;
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("ttl", "must be a duration such as 24h or PT24H"));
			return null;
		}
	}

	private static Mono<ServerResponse> notFound(String id) {
		ApiError error = new ApiError(404, "not-found", "there is no join token " + id, List.of());
		return ServerResponse.status(404).contentType(MediaType.APPLICATION_JSON).bodyValue(error);
	}

	private static <T> Mono<T> blocking(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
	}

}
