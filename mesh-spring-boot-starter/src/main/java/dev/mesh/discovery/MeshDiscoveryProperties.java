package dev.mesh.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registration and discovery through the control service.
 */
@ConfigurationProperties("mesh.discovery")
public class MeshDiscoveryProperties {

	/**
	 * Whether this workload registers itself so that others can call it.
	 */
	private boolean register = true;

	/**
	 * Time to keep serving after deregistration before the web server stops accepting, so
	 * that callers learn the instance is gone before it refuses connections.
	 */
	private Duration drainDelay = Duration.ofSeconds(1);

	/**
	 * Longest time startup waits for the first snapshot of the mesh from the control
	 * service.
	 */
	private Duration initialSyncTimeout = Duration.ofSeconds(2);

	/**
	 * Time without any event or keepalive after which the watch stream is considered dead
	 * and reopened.
	 */
	private Duration watchIdleTimeout = Duration.ofSeconds(35);

	public boolean isRegister() {
		return this.register;
	}

	public void setRegister(boolean register) {
		this.register = register;
	}

	public Duration getDrainDelay() {
		return this.drainDelay;
	}

	public void setDrainDelay(Duration drainDelay) {
		this.drainDelay = drainDelay;
	}

	public Duration getInitialSyncTimeout() {
		return this.initialSyncTimeout;
	}

	public void setInitialSyncTimeout(Duration initialSyncTimeout) {
		this.initialSyncTimeout = initialSyncTimeout;
	}

	public Duration getWatchIdleTimeout() {
		return this.watchIdleTimeout;
	}

	public void setWatchIdleTimeout(Duration watchIdleTimeout) {
		this.watchIdleTimeout = watchIdleTimeout;
	}

}
