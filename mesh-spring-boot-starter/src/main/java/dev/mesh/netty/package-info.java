/**
 * The Reactor Netty server of a WebFlux application: kept-alive connections that keep
 * reading between requests.
 */
package dev.mesh.netty;
