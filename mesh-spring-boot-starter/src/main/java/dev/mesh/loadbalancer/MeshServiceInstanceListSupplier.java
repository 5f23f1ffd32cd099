package dev.mesh.loadbalancer;

import java.util.List;
import java.util.function.Function;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Supplies a service's instances straight from the mesh's pushed view, with no cache in
 * between, narrowed to the request's {@link MeshSubset} when it carries one. Each
 * instance carries the scheme and port it is called with (https when mutual TLS applies).
 */
class MeshServiceInstanceListSupplier implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final MeshEndpoints endpoints;

	private final Function<MeshInstance, ServiceInstance> transport;

	MeshServiceInstanceListSupplier(String serviceId, MeshEndpoints endpoints,
			Function<MeshInstance, ServiceInstance> transport) {
		this.serviceId = serviceId;
		this.endpoints = endpoints;
		this.transport = transport;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> Flux.just(instances(null)));
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Flux<List<ServiceInstance>> get(Request request) {
		return Flux.defer(() -> Flux.just(instances(subset(request))));
	}

	List<ServiceInstance> instances(MeshSubset subset) {
		return this.endpoints.instances(this.serviceId)
			.stream()
			.map(this.transport)
			.filter((instance) -> subset == null || subset.matches(instance.getMetadata()))
			.toList();
	}

	@SuppressWarnings("rawtypes")
	static MeshSubset subset(Request request) {
		if (request != null && request.getContext() instanceof RequestDataContext context
				&& context.getClientRequest() != null && context.getClientRequest().getAttributes() != null
				&& context.getClientRequest().getAttributes().get(MeshSubset.ATTRIBUTE) instanceof MeshSubset subset) {
			return subset;
		}
		return null;
	}

}
