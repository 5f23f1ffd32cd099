package dev.mesh.resilience;

/**
 * Told of what the resilience chain does, for metrics. Methods are called on the request
 * path and must be cheap; every one does nothing by default.
 */
public interface ResilienceListener {

	/**
	 * An attempt of a call is about to be sent.
	 * @param service the destination
	 * @param route the route, {@code default} when none applies
	 * @param retry whether it is a retry
	 */
	default void attempt(String service, String route, boolean retry) {
	}

	/**
	 * A retry was not made because the destination's retry budget is spent.
	 * @param service the destination
	 * @param route the route
	 */
	default void budgetExhausted(String service, String route) {
	}

	/**
	 * A destination's circuit breaker changed state.
	 * @param service the destination
	 * @param from the state it left ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} …)
	 * @param to the state it entered
	 */
	default void breakerTransition(String service, String from, String to) {
	}

	/**
	 * A call or a retry was refused by the destination's open circuit breaker.
	 * @param service the destination
	 * @param route the route
	 */
	default void breakerRejected(String service, String route) {
	}

	/**
	 * A call or a retry was refused by the destination's full bulkhead.
	 * @param service the destination
	 * @param route the route
	 */
	default void bulkheadRejected(String service, String route) {
	}

	/**
	 * A call was cut off at its deadline.
	 * @param service the destination
	 * @param route the route
	 */
	default void deadlineExceeded(String service, String route) {
	}

	/**
	 * A fault was injected into a call.
	 * @param service the destination
	 * @param route the route
	 * @param fault {@code delay} or {@code abort}
	 */
	default void faultInjected(String service, String route, String fault) {
	}

	/**
	 * An inbound request was answered at its deadline instead of completing.
	 */
	default void inboundDeadlineExceeded() {
	}

	/**
	 * An inbound request was refused by the rate limit.
	 * @param caller the caller as tagged: its identity when it has its own rate,
	 * {@code default} otherwise
	 */
	default void rateLimited(String caller) {
	}

}
