package dev.mesh.resilience;

import java.time.Duration;
import java.util.List;

import dev.mesh.core.Backoff;
import dev.mesh.policy.spec.Fault;
import dev.mesh.policy.spec.FaultAbort;
import dev.mesh.policy.spec.FaultDelay;
import dev.mesh.policy.spec.Retries;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.TrafficPolicy;

/**
 * Effective retries and faults of the calls of one route of a destination (or of the
 * destination's calls that match no route): the route's values field by field over the
 * destination's, over the mesh-wide defaults, over built-in defaults.
 *
 * @param route the route's name for metrics, {@value #NO_ROUTE} when none applies
 * @param attempts most attempts, the first included
 * @param perTryTimeout timeout of each attempt, {@code null} for none
 * @param retryOn conditions a call is retried on
 * @param backoff delays between attempts
 * @param safe whether the route's requests may be retried whatever their method
 * @param fault faults to inject, {@code null} for none
 */
record CallSettings(String route, int attempts, Duration perTryTimeout, RetryConditions retryOn, Backoff backoff,
		boolean safe, FaultSettings fault) {

	/**
	 * Route tag of calls that match no named route.
	 */
	static final String NO_ROUTE = "default";

	/**
	 * Three attempts, no per-try timeout, retried on connection failures and 503, after
	 * 25 ms doubling up to 250 ms (Envoy's base interval and cap).
	 */
	static final int DEFAULT_ATTEMPTS = 3;

	static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

	static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMillis(250);

	static CallSettings of(Route route, TrafficPolicy destination, TrafficPolicy defaults) {
		Retries routeRetries = (route != null) ? route.getRetries() : null;
		Retries own = (destination != null) ? destination.getRetries() : null;
		Retries all = (defaults != null) ? defaults.getRetries() : null;
		int attempts = Settings.clamp(Settings.first(Retries::getAttempts, DEFAULT_ATTEMPTS, routeRetries, own, all), 1,
				10);
		Duration perTry = Settings.positive(Settings.first(Retries::getPerTryTimeout, null, routeRetries, own, all));
		List<String> retryOn = Settings.first((retries) -> retries.getRetryOn().isEmpty() ? null : retries.getRetryOn(),
				null, routeRetries, own, all);
		Duration initial = Settings.positive(Settings.first(Retries::getBackoff, null, routeRetries, own, all));
		Duration max = Settings.positive(Settings.first(Retries::getMaxBackoff, null, routeRetries, own, all));
		initial = (initial != null) ? initial : DEFAULT_BACKOFF;
		max = (max != null) ? max
				: (initial.compareTo(DEFAULT_MAX_BACKOFF) > 0) ? initial.multipliedBy(10) : DEFAULT_MAX_BACKOFF;
		boolean safe = route != null && Boolean.TRUE.equals(route.getSafe());
		String name = (route != null && route.getName() != null) ? route.getName() : NO_ROUTE;
		return new CallSettings(name, attempts, perTry,
				(retryOn != null) ? RetryConditions.of(retryOn) : RetryConditions.DEFAULTS,
				new Backoff(initial, (max.compareTo(initial) >= 0) ? max : initial), safe,
				FaultSettings.of((route != null) ? route.getFault() : null,
						(destination != null) ? destination.getFault() : null,
						(defaults != null) ? defaults.getFault() : null));
	}

	/**
	 * Faults injected into a share of calls.
	 *
	 * @param delayPercent share delayed, in percent
	 * @param delay how long a delayed call waits
	 * @param abortPercent share aborted, in percent
	 * @param abortStatus status of an aborted call
	 */
	record FaultSettings(double delayPercent, Duration delay, double abortPercent, int abortStatus) {

		static FaultSettings of(Fault route, Fault destination, Fault defaults) {
			FaultDelay delay = Settings.first(Fault::getDelay, null, route, destination, defaults);
			FaultAbort abort = Settings.first(Fault::getAbort, null, route, destination, defaults);
			Duration duration = (delay != null) ? Settings.positive(delay.getDuration()) : null;
			double delayPercent = (duration != null) ? percent(delay.getPercent()) : 0;
			Integer status = (abort != null) ? abort.getStatus() : null;
			double abortPercent = (status != null && status >= 400 && status <= 599) ? percent(abort.getPercent()) : 0;
			if (delayPercent == 0 && abortPercent == 0) {
				return null;
			}
			return new FaultSettings(delayPercent, duration, abortPercent, (status != null) ? status : 0);
		}

		private static double percent(Double value) {
			return (value == null || value.isNaN()) ? 0 : Math.max(0, Math.min(100, value));
		}

	}

}
