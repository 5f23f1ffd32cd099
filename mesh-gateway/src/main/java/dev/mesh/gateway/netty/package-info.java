/**
 * The gateway's Reactor Netty: event loops as many as the JVM has CPUs, shared by its
 * server and its clients.
 */
package dev.mesh.gateway.netty;
