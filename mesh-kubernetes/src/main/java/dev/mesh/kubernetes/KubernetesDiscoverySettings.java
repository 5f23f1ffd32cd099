package dev.mesh.kubernetes;

import java.util.List;

import org.springframework.util.Assert;

import dev.mesh.policy.registry.Names;

/**
 * What to watch and how to read it: the namespaces, the port to route to and the pod
 * labels that carry the version.
 *
 * @param namespaces namespaces to watch; empty means the namespace of the client (the
 * pod's own namespace when running in a cluster)
 * @param portName name of the EndpointSlice port to route to when a slice has several
 * @param versionLabels pod labels read for the version, the first one present wins
 * @param defaultVersion version of a pod that carries none of the version labels
 */
public record KubernetesDiscoverySettings(List<String> namespaces, String portName, List<String> versionLabels,
		String defaultVersion) {

	/**
	 * Label that names the Service an EndpointSlice belongs to.
	 */
	public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

	/**
	 * Well-known label of a node's (and sometimes a pod's) zone.
	 */
	public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

	/**
	 * Port name chosen by default when a slice has several ports.
	 */
	public static final String DEFAULT_PORT_NAME = "http";

	/**
	 * Pod labels read for the version by default.
	 */
	public static final List<String> DEFAULT_VERSION_LABELS = List.of("version", "app.kubernetes.io/version");

	/**
	 * Version of a pod without a version label by default, the same as a workload that
	 * does not set {@code mesh.version}.
	 */
	public static final String DEFAULT_VERSION = "v1";

	public KubernetesDiscoverySettings {
		Assert.notNull(namespaces, "'namespaces' must not be null");
		namespaces.forEach((namespace) -> Assert.isTrue(Names.isServiceName(namespace),
				() -> "'namespaces' must hold namespace names, not '" + namespace + "'"));
		Assert.hasText(portName, "'portName' must not be empty");
		Assert.notNull(versionLabels, "'versionLabels' must not be null");
		Assert.isTrue(Names.isLabelValue(defaultVersion), "'defaultVersion' must be a label value");
		namespaces = List.copyOf(namespaces);
		versionLabels = List.copyOf(versionLabels);
	}

	/**
	 * Return the settings used when nothing is configured: the client's namespace, port
	 * {@value #DEFAULT_PORT_NAME}, version from {@link #DEFAULT_VERSION_LABELS}.
	 * @return the default settings
	 */
	public static KubernetesDiscoverySettings defaults() {
		return new KubernetesDiscoverySettings(List.of(), DEFAULT_PORT_NAME, DEFAULT_VERSION_LABELS, DEFAULT_VERSION);
	}

}
