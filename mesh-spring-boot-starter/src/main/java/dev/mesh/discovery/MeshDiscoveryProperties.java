package dev.mesh.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registration with the control service, draining, and the discovery view.
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
	 * Longest time to wait, after the drain delay, for the inbound requests in flight to
	 * be answered before the web server shuts down.
	 */
	private Duration drainTimeout = Duration.ofSeconds(10);

	/**
	 * Order of the mesh's discovery client among the application's discovery clients; the
	 * composite client asks them in this order.
	 */
	private int order = -1;

	/**
	 * Longest time startup waits for the first snapshot of the mesh from the control
	 * service and for the first listing of Kubernetes EndpointSlices.
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

	public Duration getDrainTimeout() {
		return this.drainTimeout;
	}

	public void setDrainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
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
