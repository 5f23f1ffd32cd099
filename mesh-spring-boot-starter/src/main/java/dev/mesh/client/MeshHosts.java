package dev.mesh.client;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.Names;

/**
 * Decides which request hosts are mesh services. A host is a mesh service when the mesh
 * knows it, or when it is a single-label name (like a Kubernetes short name) that is not
 * {@code localhost} and not listed as a pass-through host. Fully qualified names and IP
 * addresses are left alone.
 */
class MeshHosts {

	private final MeshEndpoints endpoints;

	private final Set<String> passthrough;

	MeshHosts(MeshEndpoints endpoints, Iterable<String> passthroughHosts) {
		this.endpoints = endpoints;
		Set<String> hosts = new HashSet<>();
		passthroughHosts.forEach((host) -> hosts.add(host.toLowerCase(Locale.ROOT)));
		this.passthrough = Set.copyOf(hosts);
	}

	boolean isMeshService(String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		if (this.endpoints.snapshot().services().containsKey(host)) {
			return true;
		}
		return Names.isServiceName(host) && !"localhost".equals(host) && !this.passthrough.contains(host);
	}

}
