/**
 * The mesh control service: the control plane that keeps the instance registry and pushes
 * it to workloads over watch streams.
 */
package dev.mesh.control;
