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

import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistrationValidator;
import dev.mesh.policy.registry.RegistryApi;

/**
 * Handlers of the registry HTTP API, {@link RegistryApi} describes the paths.
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
		return this.reader.read(request)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((registration) -> register(registration.orElse(null)))
			.onErrorResume(InvalidBodyException.class, (ex) -> ApiErrors.respond(ex.getError()));
	}

	private Mono<ServerResponse> register(Registration registration) {
		List<Violation> violations = RegistrationValidator.validate(registration);
		if (!violations.isEmpty()) {
			return ApiErrors.respond(ApiErrors.invalidRegistration(violations));
		}
		MeshInstance instance = MeshInstance.from(registration, generateInstanceId(registration.service()));
		InstanceRegistry.Registered registered = this.registry.register(instance);
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
		if (!this.registry.renew(instanceId)) {
			return ApiErrors.respond(ApiErrors.unknownInstance(instanceId));
		}
		return ServerResponse.noContent().build();
	}

	Mono<ServerResponse> deregister(ServerRequest request) {
		String instanceId = request.pathVariable("instanceId");
		if (this.registry.deregister(instanceId).isEmpty()) {
			return ApiErrors.respond(ApiErrors.unknownInstance(instanceId));
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

	private static String generateInstanceId(String service) {
		return service + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
