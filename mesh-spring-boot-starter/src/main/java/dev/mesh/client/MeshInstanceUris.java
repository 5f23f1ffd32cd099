package dev.mesh.client;

import java.net.URI;

import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.policy.registry.MeshInstance;

/**
 * The URI a request to a picked instance goes to: its scheme and port as mutual TLS
 * decides, or as the instance is registered without it.
 */
final class MeshInstanceUris {

	private MeshInstanceUris() {
	}

	static URI resolve(OutboundTls tls, MeshInstance instance, URI original) {
		if (tls != null) {
			return tls.uri(instance, original);
		}
		return LoadBalancerUriTools.reconstructURI(new MeshServiceInstance(instance), original);
	}

}
