/**
 * The mesh control service: the control plane that keeps the instance registry and the
 * policy, pushes them to workloads over watch streams, and issues workload certificates.
 */
package dev.mesh.control;
