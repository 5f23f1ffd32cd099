package dev.mesh.control.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import dev.mesh.control.workload.WorkloadCaller;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistrationValidator;
import dev.mesh.policy.registry.RegistryApi;

/**
 * Handlers of the registry HTTP API, {@link RegistryApi} describes the paths. Writes come
 * from an authenticated {@link WorkloadCaller}: a workload registers instances of its own
 * service only, the verified SPIFFE ID replaces whatever {@link MeshInstance#SPIFFE_ID}
 * the registration claimed, and only the workload that registered an instance may renew,
 * replace or remove it.
 */
final class RegistryHandler {

	private final InstanceRegistry registry;

	private final RegistrationReader reader;

	private final WatchStreams watchStreams;

	RegistryHandler(InstanceRegistry registry, RegistrationReader reader, WatchStreams watchStreams) {
		this.registry = registry;
		this.reader = reader;
		this.watchStreams = watchStreams;
	}

	Mono<ServerResponse> register(ServerRequest request) {
		WorkloadCaller caller = WorkloadCaller.of(request);
		return this.reader.read(request)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((registration) -> register(registration.orElse(null), caller))
			.onErrorResume(InvalidBodyException.class, (ex) -> ApiErrors.respond(ex.getError()))
			.onErrorResume(InstanceNotOwnedException.class, (ex) -> ApiErrors.respond(notOwned(ex, caller)));
	}

	private Mono<ServerResponse> register(Registration registration, WorkloadCaller caller) {
		List<Violation> violations = RegistrationValidator.validate(registration);
		if (!violations.isEmpty()) {
			return ApiErrors.respond(ApiErrors.invalidRegistration(violations));
		}
		ApiError refusal = caller.refusal(registration.service(), "register instances of");
		if (refusal != null) {
			return ApiErrors.respond(refusal);
		}
		MeshInstance instance = caller
			.stamp(MeshInstance.from(registration, generateInstanceId(registration.service())));
		InstanceRegistry.Registered registered = this.registry.register(instance, caller::owns);
		URI location = UriComponentsBuilder.fromPath(RegistryApi.INSTANCE)
			.buildAndExpand(instance.instanceId())
			.encode()
			.toUri();
		ServerResponse.BodyBuilder response = (registered.created()) ? ServerResponse.created(location)
				: ServerResponse.ok().location(location);
		return response.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new RegistrationResult(instance, this.registry.ttl().toMillis()));
	}

	Mono<ServerResponse> heartbeat(ServerRequest request) {
		String instanceId = request.pathVariable("instanceId");
		WorkloadCaller caller = WorkloadCaller.of(request);
		try {
			if (!this.registry.renew(instanceId, caller::owns)) {
				return ApiErrors.respond(ApiErrors.unknownInstance(instanceId));
			}
		}
		catch (InstanceNotOwnedException ex) {
			return ApiErrors.respond(notOwned(ex, caller));
		}
		return ServerResponse.noContent().build();
	}

	Mono<ServerResponse> deregister(ServerRequest request) {
		String instanceId = request.pathVariable("instanceId");
		WorkloadCaller caller = WorkloadCaller.of(request);
		try {
			if (this.registry.deregister(instanceId, caller::owns).isEmpty()) {
				return ApiErrors.respond(ApiErrors.unknownInstance(instanceId));
			}
		}
		catch (InstanceNotOwnedException ex) {
			return ApiErrors.respond(notOwned(ex, caller));
		}
		return ServerResponse.noContent().build();
	}

	Mono<ServerResponse> services(ServerRequest request) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(this.registry.snapshot());
	}

	Mono<ServerResponse> service(ServerRequest request) {
		String service = request.pathVariable("service");
		if (!Names.isServiceName(service)) {
			return ApiErrors.respond(ApiErrors.invalidServiceName(service));
		}
		List<MeshInstance> instances = this.registry.snapshot().instances(service);
		if (instances.isEmpty()) {
			return ApiErrors.respond(ApiErrors.noInstances(service));
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(instances);
	}

	Mono<ServerResponse> watch(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(BodyInserters.fromServerSentEvents(this.watchStreams.open()));
	}

	private static ApiError notOwned(InstanceNotOwnedException ex, WorkloadCaller caller) {
		String owner = ex.instance().metadata().get(MeshInstance.SPIFFE_ID);
		return new ApiError(403, "not-owner",
				"instance " + ex.instance().instanceId() + " of service " + ex.instance().service()
						+ " was registered by " + ((owner != null) ? owner : "a holder of the workload token")
						+ "; the caller (" + caller + ") may not change it",
				List.of());
	}

	private static String generateInstanceId(String service) {
		return service + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
