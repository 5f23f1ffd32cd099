package dev.mesh.policy.delivery;

/**
 * Delivery state of one instance, as {@code istioctl proxy-status} shows it.
 */
public enum SyncState {

	/**
	 * The instance acknowledged the latest snapshot sent to it.
	 */
	SYNCED,

	/**
	 * The latest snapshot was sent but not acknowledged yet, or the instance is not
	 * watching.
	 */
	STALE,

	/**
	 * The instance rejected the latest snapshot and runs an older one.
	 */
	NACKED

}
