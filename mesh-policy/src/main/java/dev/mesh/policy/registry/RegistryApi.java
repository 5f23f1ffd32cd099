package dev.mesh.policy.registry;

/**
 * Paths and event names of the control service's registry API, shared by the server and
 * its clients.
 */
public final class RegistryApi {

	/**
	 * Collection of instances: {@code POST} registers one.
	 */
	public static final String INSTANCES = "/v1/registry/instances";

	/**
	 * One instance: {@code DELETE} deregisters it.
	 */
	public static final String INSTANCE = INSTANCES + "/{instanceId}";

	/**
	 * Heartbeat of one instance: {@code PUT} renews its lease; 404 means it must register
	 * again.
	 */
	public static final String HEARTBEAT = INSTANCE + "/heartbeat";

	/**
	 * All services with their instances.
	 */
	public static final String SERVICES = "/v1/registry/services";

	/**
	 * One service's instances.
	 */
	public static final String SERVICE = SERVICES + "/{service}";

	/**
	 * Server-sent events: a {@link RegistrySnapshot} now and on every change.
	 */
	public static final String WATCH = "/v1/watch/endpoints";

	/**
	 * Name of the watch stream event that carries a snapshot.
	 */
	public static final String SNAPSHOT_EVENT = "endpoints";

	private RegistryApi() {
	}

}
