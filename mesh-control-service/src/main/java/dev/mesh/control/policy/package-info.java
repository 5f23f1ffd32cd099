/**
 * The policy API: validated writes to the durable policy store, revisions, rollback and
 * dry runs that show each workload's property changes.
 */
package dev.mesh.control.policy;
