/**
 * Traffic management of gateway routes: exact weighted splits between subsets, sticky
 * cohorts, mirroring, route deadlines and fault injection.
 */
package dev.mesh.gateway.traffic;
