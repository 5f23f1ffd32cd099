/**
 * The workload's identity in the mesh and the connection settings to the control service.
 */
package dev.mesh.core;
