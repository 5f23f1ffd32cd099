package dev.mesh.kubernetes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * What the EndpointSlices of the watched namespaces say at one revision: by mesh service,
 * the routable (ready) instances and how many endpoints are draining or not ready.
 *
 * @param revision revision of this view, growing with every change
 * @param services endpoints by service name, sorted
 */
public record KubernetesEndpoints(long revision, Map<String, ServiceEndpoints> services) {

	/**
	 * The view before anything was seen.
	 */
	public static final KubernetesEndpoints EMPTY = new KubernetesEndpoints(0, Map.of());

	public KubernetesEndpoints {
		Assert.isTrue(revision >= 0, "'revision' must not be negative");
		services = Collections.unmodifiableMap(new TreeMap<>(services));
	}

	/**
	 * Return the routable instances of a service.
	 * @param service the service name
	 * @return its ready instances, empty when none is known
	 */
	public List<MeshInstance> instances(String service) {
		ServiceEndpoints endpoints = this.services.get(service);
		return (endpoints != null) ? endpoints.ready() : List.of();
	}

	/**
	 * Return the routable instances of every service as a registry snapshot (services
	 * without a ready instance are absent).
	 * @return the snapshot, at this view's revision
	 */
	public RegistrySnapshot toSnapshot() {
		Map<String, List<MeshInstance>> ready = new TreeMap<>();
		this.services.forEach((service, endpoints) -> ready.put(service, endpoints.ready()));
		return new RegistrySnapshot(this.revision, ready);
	}

	/**
	 * The endpoints of one service.
	 *
	 * @param ready instances that take new requests, sorted by instance id
	 * @param draining endpoints that are terminating but still finishing requests
	 * @param notReady endpoints that are not ready
	 */
	public record ServiceEndpoints(List<MeshInstance> ready, int draining, int notReady) {

		public ServiceEndpoints {
			ready = List.copyOf(ready);
		}

	}

}
