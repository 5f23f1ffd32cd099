package dev.mesh.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of an {@link EndpointSliceWatcher} as a JavaBean, for the configuration
 * properties of the programs that watch EndpointSlices (the starter's
 * {@code mesh.discovery.kubernetes}, the control service's
 * {@code mesh.registry.kubernetes}).
 */
public class EndpointSliceOptions {

	/**
	 * Namespaces to watch; empty means the namespace the program runs in.
	 */
	private List<String> namespaces = new ArrayList<>();

	/**
	 * Name of the Service port to route to when a Service has several ports.
	 */
	private String portName = KubernetesDiscoverySettings.DEFAULT_PORT_NAME;

	/**
	 * Pod labels that carry the version, the first one present wins.
	 */
	private List<String> versionLabels = new ArrayList<>(KubernetesDiscoverySettings.DEFAULT_VERSION_LABELS);

	/**
	 * Version of a pod that carries none of the version labels.
	 */
	private String defaultVersion = KubernetesDiscoverySettings.DEFAULT_VERSION;

	public List<String> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(List<String> namespaces) {
		this.namespaces = namespaces;
	}

	public String getPortName() {
		return this.portName;
	}

	public void setPortName(String portName) {
		this.portName = portName;
	}

	public List<String> getVersionLabels() {
		return this.versionLabels;
	}

	public void setVersionLabels(List<String> versionLabels) {
		this.versionLabels = versionLabels;
	}

	public String getDefaultVersion() {
		return this.defaultVersion;
	}

	public void setDefaultVersion(String defaultVersion) {
		this.defaultVersion = defaultVersion;
	}

	/**
	 * Return these options as watcher settings.
	 * @return the settings
	 * @throws IllegalArgumentException naming the invalid option
	 */
	public KubernetesDiscoverySettings toSettings() {
		return new KubernetesDiscoverySettings(this.namespaces, this.portName, this.versionLabels, this.defaultVersion);
	}

}
