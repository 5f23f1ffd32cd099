/**
 * The workload's identity in the mesh, its connection settings to the control service,
 * and the policy it runs with.
 */
package dev.mesh.core;
