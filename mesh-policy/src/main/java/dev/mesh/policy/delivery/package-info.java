/**
 * Wire types of policy delivery: the per-workload snapshot pushed on the policy watch
 * stream, the acknowledgement an instance sends back, and the delivery status of every
 * instance.
 */
package dev.mesh.policy.delivery;
