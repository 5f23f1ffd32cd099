/**
 * Direct forwarding: the gateway's mesh routes served straight from Reactor Netty,
 * without WebFlux and Spring Cloud Gateway's filter chain, with the same effect.
 */
package dev.mesh.gateway.direct;
