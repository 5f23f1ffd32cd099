package dev.mesh.discovery;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} answering from the mesh's pushed view, without a network call.
 */
class MeshDiscoveryClient implements DiscoveryClient {

	private final MeshEndpoints endpoints;

	MeshDiscoveryClient(MeshEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public String description() {
		return "Mesh control service discovery";
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
