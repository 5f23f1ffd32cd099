package dev.mesh.policy.delivery;

/**
 * Paths, parameters and event names of policy delivery, shared by the control service and
 * the starter.
 */
public final class DeliveryApi {

	/**
	 * Server-sent events: the workload's {@link PolicySnapshot} now and whenever it
	 * changes. Needs the workload credential; query parameters
	 * {@value #SERVICE_PARAMETER} and {@value #INSTANCE_PARAMETER}.
	 */
	public static final String WATCH = "/v1/watch/policy";

	/**
	 * Query parameter naming the workload's service.
	 */
	public static final String SERVICE_PARAMETER = "service";

	/**
	 * Query parameter naming the instance.
	 */
	public static final String INSTANCE_PARAMETER = "instance";

	/**
	 * Name of the watch stream event that carries a snapshot.
	 */
	public static final String SNAPSHOT_EVENT = "policy";

	/**
	 * {@code POST} a {@link PolicyAck}: the instance applied a version, or rejected it.
	 */
	public static final String ACKS = "/v1/policy/acks";

	/**
	 * {@code GET}: the delivery status of every instance, as {@link InstanceStatus}
	 * entries.
	 */
	public static final String STATUS = "/v1/status";

	private DeliveryApi() {
	}

}
