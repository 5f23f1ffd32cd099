package dev.mesh.policy.delivery;

/**
 * An instance's answer to a snapshot: applied (ACK) or rejected with a reason (NACK), in
 * which case it keeps its last good snapshot.
 *
 * @param instanceId the instance
 * @param service its service
 * @param version the version answered
 * @param accepted whether it was applied
 * @param reason why it was rejected, {@code null} when accepted
 */
public record PolicyAck(String instanceId, String service, long version, boolean accepted, String reason) {

}
