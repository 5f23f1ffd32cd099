/**
 * Authorization inside the application: the caller's identity from its TLS client
 * certificate (a SPIFFE ID), as a Spring Security principal when Spring Security is
 * present, and the enforcement of access policies ({@code mesh.inbound.access}).
 */
package dev.mesh.authz;
