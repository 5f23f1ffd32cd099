/**
 * The mesh's inbound web filters as steps that a server handling requests below WebFlux
 * (the gateway's direct forwarding) runs in their place, with the same effect.
 */
package dev.mesh.inbound;
