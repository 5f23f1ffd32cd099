/**
 * Wire types and validation of the instance registry: registrations, instances and the
 * snapshots pushed on the watch stream.
 */
package dev.mesh.policy.registry;
