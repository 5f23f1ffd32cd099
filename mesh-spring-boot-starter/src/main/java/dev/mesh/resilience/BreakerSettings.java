package dev.mesh.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import dev.mesh.policy.spec.CircuitBreaker;

/**
 * Effective circuit breaker of a destination; a destination has one only when its policy
 * or the mesh-wide defaults have a {@code circuit-breaker} block.
 *
 * @param failureRateThreshold failure rate in percent that opens the breaker
 * @param slowCallRateThreshold slow call rate in percent that opens the breaker
 * @param slowCallDuration duration above which a call is slow
 * @param slidingWindowSize calls the rates are computed over
 * @param minimumCalls calls needed before the rates count
 * @param waitInOpenState time open before probes are let through
 * @param halfOpenCalls probes let through while half open
 */
record BreakerSettings(int failureRateThreshold, int slowCallRateThreshold, Duration slowCallDuration,
		int slidingWindowSize, int minimumCalls, Duration waitInOpenState, int halfOpenCalls) {

	/**
	 * Values of fields a {@code circuit-breaker} block leaves out.
	 */
	static final BreakerSettings DEFAULTS = new BreakerSettings(50, 100, Duration.ofSeconds(60), 100, 20,
			Duration.ofSeconds(30), 5);

	static BreakerSettings of(CircuitBreaker own, CircuitBreaker defaults) {
		if (own == null && defaults == null) {
			return null;
		}
		int window = Settings.clamp(
				Settings.first(CircuitBreaker::getSlidingWindowSize, DEFAULTS.slidingWindowSize, own, defaults), 1,
				10_000);
		return new BreakerSettings(
				Settings.clamp(Settings.first(CircuitBreaker::getFailureRateThreshold, DEFAULTS.failureRateThreshold,
						own, defaults), 1, 100),
				Settings.clamp(Settings.first(CircuitBreaker::getSlowCallRateThreshold, DEFAULTS.slowCallRateThreshold,
						own, defaults), 1, 100),
				positive(Settings.first(CircuitBreaker::getSlowCallDuration, null, own, defaults),
						DEFAULTS.slowCallDuration),
				window,
				Settings.clamp(Settings.first(CircuitBreaker::getMinimumCalls, DEFAULTS.minimumCalls, own, defaults), 1,
						window),
				positive(Settings.first(CircuitBreaker::getWaitInOpenState, null, own, defaults),
						DEFAULTS.waitInOpenState),
				Settings.clamp(Settings.first(CircuitBreaker::getHalfOpenCalls, DEFAULTS.halfOpenCalls, own, defaults),
						1, 1_000));
	}

	private static Duration positive(Duration value, Duration fallback) {
		Duration positive = Settings.positive(value);
		return (positive != null) ? positive : fallback;
	}

	/**
	 * Return the resilience4j configuration: a count-based window, failures reported
	 * explicitly by the mesh (5xx, connection failures, timeouts), no stack traces.
	 * @return the configuration
	 */
	CircuitBreakerConfig toConfig() {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(this.failureRateThreshold)
			.slowCallRateThreshold(this.slowCallRateThreshold)
			.slowCallDurationThreshold(this.slowCallDuration)
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(this.slidingWindowSize)
			.minimumNumberOfCalls(this.minimumCalls)
			.waitDurationInOpenState(this.waitInOpenState)
			.permittedNumberOfCallsInHalfOpenState(this.halfOpenCalls)
			.writableStackTraceEnabled(false)
			.build();
	}

}
