/**
 * Mutual TLS between workloads: the mesh's key and trust managers, the embedded servers'
 * mTLS modes, the management port, and outbound calls that check the server is the
 * destination they meant to reach.
 */
package dev.mesh.mtls;
