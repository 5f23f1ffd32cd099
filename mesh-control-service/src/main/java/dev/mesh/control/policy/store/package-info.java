/**
 * Durable store of policy documents: every revision kept with its author and time,
 * optimistic concurrency through a global resource version, and a crash-safe file
 * journal.
 */
@NullMarked
package dev.mesh.control.policy.store;

import org.jspecify.annotations.NullMarked;
