/**
 * Instance registry of the control service: leases renewed by heartbeats, eviction, the
 * registry HTTP API and the watch stream that pushes every change.
 */
package dev.mesh.control.registry;
