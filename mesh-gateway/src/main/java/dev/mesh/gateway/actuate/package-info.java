/**
 * What the gateway shows: its section of {@code /actuator/mesh} and its metrics.
 */
package dev.mesh.gateway.actuate;
