/**
 * Mesh instances from Kubernetes: EndpointSlices (and the labels of their pods) watched
 * through the fabric8 client and translated into routable {@code MeshInstance}s.
 */
package dev.mesh.kubernetes;
