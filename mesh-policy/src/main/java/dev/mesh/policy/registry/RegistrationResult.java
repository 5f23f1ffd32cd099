package dev.mesh.policy.registry;

/**
 * The control service's answer to a registration: the instance as stored and how long it
 * lives without a heartbeat.
 *
 * @param instance the registered instance
 * @param ttlMillis time to live without a heartbeat, in milliseconds
 */
public record RegistrationResult(MeshInstance instance, long ttlMillis) {

}
