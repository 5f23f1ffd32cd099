/**
 * Workload identity: a key generated in the application, a certificate for its SPIFFE ID
 * from the control service's certificate authority, installed as the SSL bundle
 * {@code mesh} and renewed before it expires.
 */
package dev.mesh.identity;
