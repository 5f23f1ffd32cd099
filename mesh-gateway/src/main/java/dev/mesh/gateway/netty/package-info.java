/**
 * The gateway's Reactor Netty: event loops as many as the JVM has CPUs, shared by its
 * server and its clients, and server connections that keep reading between requests.
 */
package dev.mesh.gateway.netty;
