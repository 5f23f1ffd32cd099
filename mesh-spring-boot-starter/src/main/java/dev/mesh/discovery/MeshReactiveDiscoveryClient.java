package dev.mesh.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * {@link ReactiveDiscoveryClient} answering from the mesh's pushed view.
 */
class MeshReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final MeshDiscoveryClient delegate;

	MeshReactiveDiscoveryClient(MeshEndpoints endpoints, int order) {
		this.delegate = new MeshDiscoveryClient(endpoints, order);
	}

	@Override
	public String description() {
		return this.delegate.description();
	}

	@Override
	public int getOrder() {
		return this.delegate.getOrder();
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.defer(() -> Flux.fromIterable(this.delegate.getInstances(serviceId)));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.defer(() -> Flux.fromIterable(this.delegate.getServices()));
	}

}
