package dev.mesh.discovery;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Discovery from Kubernetes EndpointSlices (needs {@code dev.mesh:mesh-kubernetes} on the
 * classpath).
 */
@ConfigurationProperties("mesh.discovery.kubernetes")
public class KubernetesDiscoveryProperties {

	/**
	 * Whether to discover instances from the EndpointSlices of Kubernetes Services.
	 */
	private boolean enabled;

	/**
	 * Namespaces to watch; empty means the namespace the app runs in.
	 */
	private List<String> namespaces = new ArrayList<>();

	/**
	 * Name of the Service port to route to when a Service has several ports.
	 */
	private String portName = "http";

	/**
	 * Pod labels that carry the version, the first one present wins.
	 */
	private List<String> versionLabels = new ArrayList<>(List.of("version", "app.kubernetes.io/version"));

	/**
	 * Version of a pod that carries none of the version labels.
	 */
	private String defaultVersion = "v1";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

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

}
