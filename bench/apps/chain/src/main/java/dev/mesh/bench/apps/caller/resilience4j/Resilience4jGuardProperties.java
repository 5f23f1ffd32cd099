package dev.mesh.bench.apps.caller.resilience4j;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Which routes of the caller go through Spring Cloud CircuitBreaker.
 *
 * @param routes the routes whose calls are wrapped
 * @param id the circuit breaker's id, under which {@code resilience4j.*} properties
 * configure its breaker, time limiter and bulkhead
 */
@ConfigurationProperties("bench.caller.resilience4j")
record Resilience4jGuardProperties(@DefaultValue List<String> routes, @DefaultValue("bench-backend") String id) {

	Resilience4jGuardProperties {
		Assert.hasText(id, "'bench.caller.resilience4j.id' must not be empty");
	}

}
