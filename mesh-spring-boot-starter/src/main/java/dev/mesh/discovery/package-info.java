/**
 * Registration of this workload with the control service and discovery of every other
 * workload through the control service's watch stream.
 */
package dev.mesh.discovery;
