/**
 * Mesh metrics and the mesh tags every meter of the workload carries.
 */
package dev.mesh.observability;
