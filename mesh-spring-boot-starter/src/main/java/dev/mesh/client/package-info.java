/**
 * Puts the mesh on the application's HTTP clients: {@code http://<service>/...} on a
 * client built from the auto-configured builders is resolved through the mesh.
 */
package dev.mesh.client;
