package dev.mesh.discovery;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} answering from the mesh's pushed view, without a network call.
 * Beside another discovery client (such as Spring Cloud Kubernetes'), Spring Cloud's
 * composite client asks this one first by default ({@code mesh.discovery.order}).
 */
class MeshDiscoveryClient implements DiscoveryClient {

	private final MeshEndpoints endpoints;

	private final int order;

	MeshDiscoveryClient(MeshEndpoints endpoints, int order) {
		this.endpoints = endpoints;
		this.order = order;
	}

	@Override
	public String description() {
		return "Mesh discovery";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.endpoints.instances(serviceId).stream().<ServiceInstance>map(MeshServiceInstance::new).toList();
	}

	@Override
	public List<String> getServices() {
		return new ArrayList<>(this.endpoints.snapshot().services().keySet());
	}

}
