package dev.mesh.sync;

import java.time.Instant;

import dev.mesh.core.EventStreamWatcher;

/**
 * State of the delivery of policy from the control service to this workload. The policy
 * in force itself is {@link dev.mesh.core.MeshPolicyState}.
 */
public interface MeshPolicySync {

	/**
	 * Return the state of the policy watch stream.
	 * @return the status
	 */
	EventStreamWatcher.Status status();

	/**
	 * Return the last snapshot this workload rejected.
	 * @return the rejection, {@code null} when none was rejected
	 */
	Rejection lastRejection();

	/**
	 * Return how many snapshots were applied since startup.
	 * @return the count
	 */
	long appliedCount();

	/**
	 * Return how many snapshots were rejected since startup.
	 * @return the count
	 */
	long rejectedCount();

	/**
	 * A snapshot that was rejected, and why.
	 *
	 * @param version version of the snapshot
	 * @param reason why it was rejected
	 * @param at when it was rejected
	 */
	record Rejection(long version, String reason, Instant at) {

	}

}
