/**
 * Resiliency of calls between mesh services: deadlines, retries within a budget, circuit
 * breakers, bulkheads, fault injection and inbound rate limits, all set per destination
 * and route by policy.
 */
package dev.mesh.resilience;
