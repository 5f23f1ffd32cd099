/**
 * The mesh's ingress: Spring Cloud Gateway routes into the mesh, itself a mesh workload.
 */
package dev.mesh.gateway;
