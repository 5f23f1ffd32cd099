package dev.mesh.client;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which outbound requests go through the mesh.
 */
@ConfigurationProperties("mesh.client")
public class MeshClientProperties {

	/**
	 * Whether the auto-configured RestClient, RestTemplate and WebClient builders resolve
	 * mesh service names.
	 */
	private boolean enabled = true;

	/**
	 * Single-label host names that are not mesh services and must be called directly.
	 */
	private List<String> passthroughHosts = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getPassthroughHosts() {
		return this.passthroughHosts;
	}

	public void setPassthroughHosts(List<String> passthroughHosts) {
		this.passthroughHosts = passthroughHosts;
	}

}
