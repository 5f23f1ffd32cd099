package dev.mesh.control.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.mesh.control.policy.store.PolicyConflictException;
import dev.mesh.control.policy.store.PolicyKey;
import dev.mesh.control.policy.store.PolicyNotFoundException;
import dev.mesh.control.policy.store.StoredPolicy;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.document.PolicyFormat;
import dev.mesh.policy.document.PolicyKind;
import dev.mesh.policy.document.PolicyParser;
import dev.mesh.policy.document.PolicyViolationException;

/**
 * HTTP handlers of {@code /v1/policies}. Bodies are read whole (up to 1 MiB) and every
 * write runs on a blocking-friendly scheduler, because the store fsyncs before it
 * answers.
 */
final class PolicyHandler {

	private static final List<MediaType> YAML = List.of(MediaType.parseMediaType("application/yaml"),
			MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml"),
			MediaType.parseMediaType("text/x-yaml"));

	private static final String AUTHOR = "admin";

	private final PolicyService service;

	PolicyHandler(PolicyService service) {
		this.service = service;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		Optional<String> kind = request.queryParam("kind");
		if (kind.isPresent() && PolicyKind.of(kind.get()) == null) {
			return error(new ApiError(400, "invalid-query", "unknown kind " + kind.get(),
					List.of(new Violation("kind", "is not a kind of policy"))));
		}
		return blocking(() -> this.service.store()
			.list(kind.orElse(null), request.queryParam("namespace").orElse(null))
			.stream()
			.map(PolicyView::of)
			.toList()).flatMap((views) -> ServerResponse.ok().bodyValue(views));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		return key(request, (key) -> blocking(() -> this.service.store().get(key))
			.flatMap((found) -> found.map((stored) -> ok(stored, 200)).orElseGet(() -> notFound(key))));
	}

	Mono<ServerResponse> revisions(ServerRequest request) {
		return key(request, (key) -> blocking(() -> this.service.store().history(key)).flatMap((history) -> {
			if (history.isEmpty()) {
				return notFound(key);
			}
			return ServerResponse.ok().bodyValue(history.stream().map(PolicyView::of).toList());
		}));
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return body(request, (body, format) -> {
			if (dryRun(request)) {
				return PolicyHandler.<Map<String, PropertyDiff>>blocking(() -> this.service.dryRun(null, body, format))
					.flatMap(PolicyHandler::dryRunResult);
			}
			return blocking(() -> this.service.create(body, format, AUTHOR)).flatMap((stored) -> ok(stored, 201));
		});
	}

	Mono<ServerResponse> replace(ServerRequest request) {
		return key(request, (key) -> body(request, (body, format) -> {
			if (dryRun(request)) {
				return PolicyHandler.<Map<String, PropertyDiff>>blocking(() -> this.service.dryRun(key, body, format))
					.flatMap(PolicyHandler::dryRunResult);
			}
			return ifMatch(request, true)
				.flatMap((expected) -> blocking(() -> this.service.replace(key, body, format, AUTHOR, expected)))
				.flatMap((stored) -> ok(stored, 200));
		}));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return key(request, (key) -> {
			if (dryRun(request)) {
				return PolicyHandler
					.<Map<String, PropertyDiff>>blocking(() -> this.service.dryRun(key, null, PolicyFormat.JSON))
					.flatMap(PolicyHandler::dryRunResult);
			}
			return ifMatch(request, false)
				.flatMap((expected) -> blocking(() -> this.service.delete(key, AUTHOR, expected)))
				.flatMap((stored) -> ok(stored, 200));
		});
	}

	Mono<ServerResponse> rollback(ServerRequest request) {
		return key(request, (key) -> {
			Optional<String> to = request.queryParam("to");
			if (to.isEmpty() || !to.get().matches("[0-9]{1,18}")) {
				return error(new ApiError(400, "invalid-query", "name the revision to roll back to",
						List.of(new Violation("to", "must be the resourceVersion of an earlier revision"))));
			}
			long target = Long.parseLong(to.get());
			return ifMatch(request, true)
				.flatMap((expected) -> blocking(() -> this.service.rollback(key, target, AUTHOR, expected)))
				.flatMap((stored) -> ok(stored, 200));
		});
	}

	private Mono<ServerResponse> key(ServerRequest request, Function<PolicyKey, Mono<ServerResponse>> handler) {
		String kind = request.pathVariable("kind");
		if (PolicyKind.of(kind) == null) {
			return error(new ApiError(404, "unknown-kind", "'" + kind + "' is not a kind of policy", List.of()));
		}
		return handler.apply(new PolicyKey(kind, request.pathVariable("namespace"), request.pathVariable("name")))
			.onErrorResume(PolicyHandler::failure);
	}

	private Mono<ServerResponse> body(ServerRequest request, BodyHandler handler) {
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		PolicyFormat format;
		if (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			format = PolicyFormat.JSON;
		}
		else if (YAML.stream().anyMatch((yaml) -> yaml.isCompatibleWith(contentType))) {
			format = PolicyFormat.YAML;
		}
		else {
			return error(new ApiError(415, "unsupported-media-type",
					"Content-Type " + contentType + " is not supported: send application/json or application/yaml",
					List.of()));
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), PolicyParser.MAX_BYTES)
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> handler.handle(bytes, format))
			.onErrorResume(PolicyHandler::failure);
	}

	private static Mono<Long> ifMatch(ServerRequest request, boolean required) {
		List<String> values = request.headers().header(HttpHeaders.IF_MATCH);
		if (values.isEmpty()) {
			return required ? Mono.error(new PreconditionRequiredException()) : Mono.just(-1L);
		}
		String value = values.get(0).replace("\"", "").strip();
		if (!value.matches("[0-9]{1,18}")) {
			return Mono.error(new PolicyViolationException(
					List.of(new Violation("If-Match", "must be the resourceVersion the write is based on"))));
		}
		return Mono.just(Long.parseLong(value));
	}

	private static boolean dryRun(ServerRequest request) {
		return request.queryParam("dryRun").map("true"::equals).orElse(false);
	}

	private static <T> Mono<T> blocking(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
	}

	private static Mono<ServerResponse> ok(StoredPolicy stored, int status) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.eTag("\"" + stored.resourceVersion() + "\"")
			.bodyValue(PolicyView.of(stored));
	}

	private static Mono<ServerResponse> dryRunResult(Map<String, PropertyDiff> changes) {
		return ServerResponse.ok().bodyValue(Map.of("dryRun", true, "workloads", changes));
	}

	private static Mono<ServerResponse> notFound(PolicyKey key) {
		return error(new ApiError(404, "not-found", key + " does not exist", List.of()));
	}

	static Mono<ServerResponse> failure(Throwable failure) {
		if (failure instanceof PolicyViolationException ex) {
			return error(new ApiError(400, "invalid-policy", ex.getMessage(), ex.getViolations()));
		}
		if (failure instanceof PolicyConflictException ex) {
			return error(new ApiError(409, "conflict", ex.getMessage(), List.of()));
		}
		if (failure instanceof PolicyNotFoundException || failure instanceof UnknownRevisionException) {
			return error(new ApiError(404, "not-found", failure.getMessage(), List.of()));
		}
		if (failure instanceof PreconditionRequiredException) {
			return error(new ApiError(428, "precondition-required",
					"send If-Match with the resourceVersion this write is based on", List.of()));
		}
		if (failure instanceof DataBufferLimitException) {
			return error(new ApiError(413, "body-too-large",
					"request body is larger than " + PolicyParser.MAX_BYTES + " bytes", List.of()));
		}
		return Mono.error(failure);
	}

	static Mono<ServerResponse> error(ApiError error) {
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(error);
	}

	@FunctionalInterface
	private interface BodyHandler {

		Mono<ServerResponse> handle(byte[] body, PolicyFormat format);

	}

	private static final class PreconditionRequiredException extends RuntimeException {

	}

}
