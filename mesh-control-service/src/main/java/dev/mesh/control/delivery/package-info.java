/**
 * Policy delivery: each instance's watch stream of its own policy snapshot, coalesced
 * pushes, acknowledgements and the delivery status of every instance.
 */
package dev.mesh.control.delivery;
