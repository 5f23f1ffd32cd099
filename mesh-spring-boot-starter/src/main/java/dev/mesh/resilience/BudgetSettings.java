package dev.mesh.resilience;

import java.time.Duration;

import dev.mesh.policy.spec.RetryBudget;

/**
 * Effective retry budget of a destination.
 *
 * @param ratio retries allowed per request in the window
 * @param minRetriesPerSecond retries allowed per second of the window whatever the rate
 * @param window the sliding window
 */
record BudgetSettings(double ratio, int minRetriesPerSecond, Duration window) {

	/**
	 * Linkerd's default: 20% more calls plus 10 retries per second, over 10 seconds.
	 */
	static final BudgetSettings DEFAULTS = new BudgetSettings(0.2, 10, Duration.ofSeconds(10));

	static BudgetSettings of(RetryBudget own, RetryBudget defaults) {
		double ratio = Settings.first(RetryBudget::getRatio, DEFAULTS.ratio, own, defaults);
		int min = Settings.first(RetryBudget::getMinRetriesPerSecond, DEFAULTS.minRetriesPerSecond, own, defaults);
		Duration window = Settings.first(RetryBudget::getWindow, DEFAULTS.window, own, defaults);
		return new BudgetSettings(Math.max(0, ratio), Math.max(0, min),
				Settings.clamp(window, Duration.ofSeconds(1), Duration.ofSeconds(60)));
	}

}
