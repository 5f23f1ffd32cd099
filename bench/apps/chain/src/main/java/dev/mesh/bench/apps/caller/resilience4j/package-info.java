/**
 * The chain suite's Spring Cloud CircuitBreaker route: the caller's backend call wrapped
 * by Spring Cloud CircuitBreaker's resilience4j integration.
 */
package dev.mesh.bench.apps.caller.resilience4j;
