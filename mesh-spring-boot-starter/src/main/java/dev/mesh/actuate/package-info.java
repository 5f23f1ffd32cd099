/**
 * The {@code mesh} actuator endpoint: what this workload is and what it sees of the mesh.
 */
package dev.mesh.actuate;
