package dev.mesh.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import dev.mesh.policy.spec.DestinationPolicy;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.TrafficPolicy;

/**
 * The resilience state of one destination for one version of the policy: its circuit
 * breaker, bulkhead and retry budget, and the call settings of each of its routes. A
 * rebuild after a policy change keeps the breaker (and its state), the bulkhead (and the
 * calls it holds) and the budget (and its counts) whose settings did not change.
 */
final class DestinationResilience {

	private final String service;

	private final long generation;

	private final TrafficPolicy own;

	private final TrafficPolicy defaults;

	private final BreakerSettings breakerSettings;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final SlidingRetryBudget budget;

	private final CallSettings unrouted;

	private final Map<Route, CallSettings> routes = new ConcurrentHashMap<>();

	DestinationResilience(String service, MeshPolicy policy, long generation, DestinationResilience previous,
			LongSupplier clock, ResilienceListener listener) {
		this.service = service;
		this.generation = generation;
		DestinationPolicy destination = policy.getOutbound().getDestinations().get(service);
		this.own = destination;
		this.defaults = policy.getOutbound().getDefaults();
		this.breakerSettings = BreakerSettings.of((destination != null) ? destination.getCircuitBreaker() : null,
				this.defaults.getCircuitBreaker());
		this.breaker = breaker(previous, listener);
		this.bulkhead = bulkhead(previous, maxConcurrentCalls(destination, this.defaults));
		BudgetSettings budgetSettings = BudgetSettings.of((destination != null) ? destination.getRetryBudget() : null,
				this.defaults.getRetryBudget());
		this.budget = (previous != null && previous.budget.settings().equals(budgetSettings)) ? previous.budget
				: new SlidingRetryBudget(budgetSettings, clock);
		this.unrouted = CallSettings.of(null, destination, this.defaults);
	}

	private CircuitBreaker breaker(DestinationResilience previous, ResilienceListener listener) {
		if (this.breakerSettings == null) {
			return null;
		}
		if (previous != null && this.breakerSettings.equals(previous.breakerSettings)) {
			return previous.breaker;
		}
		CircuitBreaker created = CircuitBreaker.of(this.service, this.breakerSettings.toConfig());
		created.getEventPublisher()
			.onStateTransition((event) -> listener.breakerTransition(this.service,
					event.getStateTransition().getFromState().name(), event.getStateTransition().getToState().name()));
		return created;
	}

	private Bulkhead bulkhead(DestinationResilience previous, Integer max) {
		if (max == null) {
			return null;
		}
		Bulkhead existing = (previous != null) ? previous.bulkhead : null;
		BulkheadConfig config = BulkheadConfig.custom()
			.maxConcurrentCalls(max)
			.maxWaitDuration(Duration.ZERO)
			.writableStackTraceEnabled(false)
			.build();
		if (existing == null) {
			return Bulkhead.of(this.service, config);
		}
		if (existing.getBulkheadConfig().getMaxConcurrentCalls() != max) {
			existing.changeConfig(config);
		}
		return existing;
	}

	private static Integer maxConcurrentCalls(TrafficPolicy destination, TrafficPolicy defaults) {
		Integer max = Settings.first(
				(traffic) -> (traffic.getBulkhead() != null) ? traffic.getBulkhead().getMaxConcurrentCalls() : null,
				null, destination, defaults);
		return (max != null) ? Math.max(1, max) : null;
	}

	String service() {
		return this.service;
	}

	long generation() {
		return this.generation;
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	Bulkhead bulkhead() {
		return this.bulkhead;
	}

	SlidingRetryBudget budget() {
		return this.budget;
	}

	/**
	 * Take a circuit-breaker permission and a bulkhead slot for one attempt.
	 * @param route the route, for metrics
	 * @param listener told of a refusal
	 * @throws CircuitOpenException when the breaker is open
	 * @throws BulkheadFullException when the bulkhead is full
	 */
	void acquire(String route, ResilienceListener listener) {
		if (this.breaker != null && !this.breaker.tryAcquirePermission()) {
			listener.breakerRejected(this.service, route);
			throw new CircuitOpenException(this.service);
		}
		if (this.bulkhead != null && !this.bulkhead.tryAcquirePermission()) {
			if (this.breaker != null) {
				this.breaker.releasePermission();
			}
			listener.bulkheadRejected(this.service, route);
			throw new BulkheadFullException(this.service, this.bulkhead.getBulkheadConfig().getMaxConcurrentCalls());
		}
	}

	/**
	 * Return the call settings of a route of this destination.
	 * @param route the route the call matched, {@code null} for none
	 * @return the settings
	 */
	CallSettings settings(Route route) {
		if (route == null) {
			return this.unrouted;
		}
		return this.routes.computeIfAbsent(route, (key) -> CallSettings.of(key, this.own, this.defaults));
	}

}
