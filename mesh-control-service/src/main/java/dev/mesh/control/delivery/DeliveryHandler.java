package dev.mesh.control.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.mesh.control.workload.WorkloadCaller;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.registry.Names;

/**
 * HTTP handlers of policy delivery: the watch stream, acknowledgements and status.
 */
final class DeliveryHandler {

	private static final int MAX_REASON_LENGTH = 4096;

	private final PolicyDelivery delivery;

	private final Duration keepalive;

	DeliveryHandler(PolicyDelivery delivery, Duration keepalive) {
		this.delivery = delivery;
		this.keepalive = keepalive;
	}

	Mono<ServerResponse> watch(ServerRequest request) {
		Optional<String> service = request.queryParam(DeliveryApi.SERVICE_PARAMETER);
		Optional<String> instance = request.queryParam(DeliveryApi.INSTANCE_PARAMETER);
		List<Violation> violations = new ArrayList<>();
		if (service.isEmpty() || !Names.isServiceName(service.get())) {
			violations.add(new Violation(DeliveryApi.SERVICE_PARAMETER, "must be the workload's service name"));
		}
		if (instance.isEmpty() || !Names.isInstanceId(instance.get())) {
			violations.add(new Violation(DeliveryApi.INSTANCE_PARAMETER, "must be the instance id"));
		}
		if (!violations.isEmpty()) {
			return error(new ApiError(400, "invalid-watch", "name the service and the instance", violations));
		}
		ApiError refusal = WorkloadCaller.of(request).refusal(service.get(), "watch the policy of");
		if (refusal != null) {
			return error(refusal);
		}
		Flux<ServerSentEvent<PolicySnapshot>> snapshots = this.delivery.watch(service.get(), instance.get())
			.map((snapshot) -> ServerSentEvent.builder(snapshot)
				.event(DeliveryApi.SNAPSHOT_EVENT)
				.id(String.valueOf(snapshot.version()))
				.build())
			.share();
		Flux<ServerSentEvent<PolicySnapshot>> keepalives = Flux.interval(this.keepalive, this.keepalive)
			.map((tick) -> ServerSentEvent.<PolicySnapshot>builder().comment("keepalive").build());
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(Flux.merge(snapshots, keepalives.takeUntilOther(snapshots.ignoreElements())), ServerSentEvent.class);
	}

	Mono<ServerResponse> acknowledge(ServerRequest request) {
		WorkloadCaller caller = WorkloadCaller.of(request);
		return request.bodyToMono(PolicyAck.class).flatMap((ack) -> {
			List<Violation> violations = validate(ack);
			if (!violations.isEmpty()) {
				return error(new ApiError(400, "invalid-ack", "invalid acknowledgement", violations));
			}
			ApiError refusal = caller.refusal(ack.service(), "acknowledge the policy of");
			if (refusal != null) {
				return error(refusal);
			}
			if (!this.delivery.acknowledge(ack)) {
				return error(new ApiError(404, "unknown-instance",
						"no policy was pushed to instance " + ack.instanceId() + " of service " + ack.service(),
						List.of(new Violation("instanceId", "has no policy delivery; open the watch stream first"))));
			}
			return ServerResponse.noContent().build();
		})
			.switchIfEmpty(error(new ApiError(400, "invalid-ack", "an acknowledgement is required",
					List.of(new Violation("body", "is required")))))
			.onErrorResume((ex) -> !(ex instanceof IllegalStateException),
					(ex) -> error(new ApiError(400, "malformed-body", "unreadable acknowledgement",
							List.of(new Violation("body", "must be a PolicyAck")))));
	}

	Mono<ServerResponse> status(ServerRequest request) {
		return ServerResponse.ok().bodyValue(this.delivery.status());
	}

	private static List<Violation> validate(PolicyAck ack) {
		List<Violation> violations = new ArrayList<>();
		if (!Names.isInstanceId(ack.instanceId())) {
			violations.add(new Violation("instanceId", "must be an instance id"));
		}
		if (!Names.isServiceName(ack.service())) {
			violations.add(new Violation("service", "must be a service name"));
		}
		if (ack.version() < 0) {
			violations.add(new Violation("version", "must not be negative"));
		}
		if (!ack.accepted() && (ack.reason() == null || ack.reason().isBlank())) {
			violations.add(new Violation("reason", "is required when the snapshot was rejected"));
		}
		if (ack.reason() != null && ack.reason().length() > MAX_REASON_LENGTH) {
			violations.add(new Violation("reason", "must be at most " + MAX_REASON_LENGTH + " characters"));
		}
		return violations;
	}

	private static Mono<ServerResponse> error(ApiError error) {
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(error);
	}

}
