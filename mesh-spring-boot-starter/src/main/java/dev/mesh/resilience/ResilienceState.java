package dev.mesh.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * What {@code /actuator/mesh} shows of one destination's resilience.
 *
 * @param service the destination
 * @param circuitBreaker its circuit breaker
 * @param retryBudget its retry budget
 * @param bulkhead its bulkhead
 */
public record ResilienceState(String service, BreakerState circuitBreaker, BudgetState retryBudget,
		BulkheadState bulkhead) {

	static ResilienceState of(DestinationResilience destination) {
		CircuitBreaker breaker = destination.breaker();
		BreakerState breakerState = (breaker != null) ? new BreakerState(breaker.getState().name(),
				breaker.getMetrics().getFailureRate(), breaker.getMetrics().getSlowCallRate(),
				breaker.getMetrics().getNumberOfBufferedCalls(), breaker.getMetrics().getNumberOfFailedCalls(),
				breaker.getMetrics().getNumberOfNotPermittedCalls()) : BreakerState.DISABLED;
		SlidingRetryBudget.Snapshot budget = destination.budget().snapshot();
		BudgetSettings settings = destination.budget().settings();
		Bulkhead bulkhead = destination.bulkhead();
		BulkheadState bulkheadState = (bulkhead != null)
				? new BulkheadState(bulkhead.getMetrics().getMaxAllowedConcurrentCalls(),
						bulkhead.getMetrics().getMaxAllowedConcurrentCalls()
								- bulkhead.getMetrics().getAvailableConcurrentCalls())
				: null;
		return new ResilienceState(
				destination.service(), breakerState, new BudgetState(settings.ratio(), settings.minRetriesPerSecond(),
						settings.window().toSeconds(), budget.requests(), budget.retries(), budget.left()),
				bulkheadState);
	}

	/**
	 * A circuit breaker.
	 *
	 * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, or {@code DISABLED}
	 * when the destination has none
	 * @param failureRate failure rate in percent over the window, -1 until enough calls
	 * @param slowCallRate slow call rate in percent, -1 until enough calls
	 * @param bufferedCalls calls in the window
	 * @param failedCalls failed calls in the window
	 * @param notPermittedCalls calls refused since the breaker last changed state
	 */
	public record BreakerState(String state, float failureRate, float slowCallRate, int bufferedCalls, int failedCalls,
			long notPermittedCalls) {

		static final BreakerState DISABLED = new BreakerState("DISABLED", -1, -1, 0, 0, 0);

	}

	/**
	 * A retry budget.
	 *
	 * @param ratio retries allowed per request
	 * @param minRetriesPerSecond retries allowed per second whatever the rate
	 * @param windowSeconds the window
	 * @param requests requests in the window
	 * @param retries retries in the window
	 * @param left retries still allowed now
	 */
	public record BudgetState(double ratio, int minRetriesPerSecond, long windowSeconds, long requests, long retries,
			long left) {

	}

	/**
	 * A bulkhead.
	 *
	 * @param maxConcurrentCalls most calls in flight
	 * @param inFlight calls in flight now
	 */
	public record BulkheadState(int maxConcurrentCalls, int inFlight) {

	}

}
