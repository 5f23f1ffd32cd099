package dev.mesh.discovery;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.mesh.kubernetes.EndpointSliceOptions;

/**
 * Discovery from Kubernetes EndpointSlices (needs {@code dev.mesh:mesh-kubernetes} on the
 * classpath): {@code namespaces} (empty: the app's own), {@code port-name}
 * ({@code http}), {@code version-labels} ({@code version},
 * {@code app.kubernetes.io/version}) and {@code default-version} ({@code v1}).
 */
@ConfigurationProperties("mesh.discovery.kubernetes")
public class KubernetesDiscoveryProperties extends EndpointSliceOptions {

	/**
	 * Whether to discover instances from the EndpointSlices of Kubernetes Services.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
