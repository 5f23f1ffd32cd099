package dev.mesh.control.policy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Storage of policy and access to the policy API.
 */
@ConfigurationProperties("mesh.policy")
public class PolicyProperties {

	/**
	 * Directory of the durable policy store and of the generated admin token.
	 */
	private Path dataDirectory = Path.of("mesh-data");

	/**
	 * Bearer token that authorizes policy API calls; when unset, one is generated on
	 * first start and kept in the data directory (readable by the owner only).
	 */
	private String adminToken;

	/**
	 * Bearer token workloads present to watch their policy and acknowledge it; when
	 * unset, one is generated on first start and kept in the data directory (readable by
	 * the owner only).
	 */
	private String workloadToken;

	public Path getDataDirectory() {
		return this.dataDirectory;
	}

	public void setDataDirectory(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	public String getAdminToken() {
		return this.adminToken;
	}

	public void setAdminToken(String adminToken) {
		this.adminToken = adminToken;
	}

	public String getWorkloadToken() {
		return this.workloadToken;
	}

	public void setWorkloadToken(String workloadToken) {
		this.workloadToken = workloadToken;
	}

}
