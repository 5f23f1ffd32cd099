package dev.mesh.bench.apps.caller.resilience4j;

import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;

import dev.mesh.bench.apps.caller.CallGuard;

/**
 * Wraps the calls of the routes listed in {@code bench.caller.resilience4j.routes} with
 * Spring Cloud CircuitBreaker, as its documentation shows:
 * {@code factory.create(id).run(call)}. With the resilience4j integration that is a
 * circuit breaker around a bulkhead around a time limiter, the call running on the
 * factory's executor while the request thread waits for it; its failures are not caught
 * here (no fallback), so they fail the request as a direct call's would.
 */
@Component
@EnableConfigurationProperties(Resilience4jGuardProperties.class)
class Resilience4jCallGuard implements CallGuard {

	private final CircuitBreakerFactory<?, ?> factory;

	private final Resilience4jGuardProperties properties;

	Resilience4jCallGuard(CircuitBreakerFactory<?, ?> factory, Resilience4jGuardProperties properties) {
		this.factory = factory;
		this.properties = properties;
	}

	@Override
	public boolean guards(String route) {
		return this.properties.routes().contains(route);
	}

	@Override
	public byte[] call(String route, Supplier<byte[]> call) {
		return this.factory.create(this.properties.id()).run(call);
	}

}
