package dev.mesh.policy.delivery;

import java.time.Instant;

/**
 * Delivery status of one instance.
 *
 * @param instanceId the instance
 * @param service its service
 * @param sentVersion latest version sent to it
 * @param appliedVersion latest version it acknowledged as applied, {@code -1} when none
 * @param state delivery state
 * @param reason the reason of the last rejection, when {@link SyncState#NACKED}
 * @param watching whether it holds a policy watch stream now
 * @param lastAck when it last answered, {@code null} before its first answer
 */
public record InstanceStatus(String instanceId, String service, long sentVersion, long appliedVersion, SyncState state,
		String reason, boolean watching, Instant lastAck) {

}
