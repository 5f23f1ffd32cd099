/**
 * Client-side load balancing over the mesh's live view, through Spring Cloud
 * LoadBalancer.
 */
package dev.mesh.loadbalancer;
