package dev.mesh.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of policy from the control service to this workload.
 */
@ConfigurationProperties("mesh.sync")
public class MeshSyncProperties {

	/**
	 * Default of the cache directory.
	 */
	static final String DEFAULT_CACHE_DIRECTORY = ".mesh/cache";

	/**
	 * Whether to apply the policy the control service pushes to this workload.
	 */
	private boolean enabled = true;

	/**
	 * Directory of the cache of the last applied policy, read at startup so that a
	 * restart while the control service is down starts with it; a relative path resolves
	 * against the working directory.
	 */
	private String cacheDirectory = DEFAULT_CACHE_DIRECTORY;

	/**
	 * Longest time startup waits for the first policy snapshot; startup goes on at once
	 * when the control service cannot be reached.
	 */
	private Duration initialSyncTimeout = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getCacheDirectory() {
		return this.cacheDirectory;
	}

	public void setCacheDirectory(String cacheDirectory) {
		this.cacheDirectory = cacheDirectory;
	}

	public Duration getInitialSyncTimeout() {
		return this.initialSyncTimeout;
	}

	public void setInitialSyncTimeout(Duration initialSyncTimeout) {
		this.initialSyncTimeout = initialSyncTimeout;
	}

}
