/**
 * Policy documents: safe parsing of YAML and JSON, rendering to {@code mesh.*}
 * properties, validation by binding exactly as an application does, and per-workload
 * snapshots.
 */
package dev.mesh.policy.document;
