package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Small statistics and number formatting helpers.
 */
final class Stats {

	private Stats() {
	}

	static double median(Collection<? extends Number> values) {
		List<Double> sorted = new ArrayList<>();
		values.forEach((value) -> sorted.add(value.doubleValue()));
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static double min(Collection<? extends Number> values) {
		return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
	}

	static double max(Collection<? extends Number> values) {
		return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
	}

	/**
	 * Format a number with a fixed number of decimals, or {@code n/a} for NaN.
	 * @param value the number
	 * @param decimals the decimals
	 * @return the text
	 */
	static String fixed(double value, int decimals) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/**
	 * Format a number with thousands separators and no decimals.
	 * @param value the number
	 * @return the text
	 */
	static String whole(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * Format a latency in milliseconds with three significant digits at most.
	 * @param millis the latency
	 * @return the text
	 */
	static String millis(double millis) {
		if (Double.isNaN(millis)) {
			return "n/a";
		}
		if (millis >= 100) {
			return fixed(millis, 0);
		}
		return (millis >= 10) ? fixed(millis, 1) : fixed(millis, (millis >= 1) ? 2 : 3);
	}

	static String megabytes(double kilobytes) {
		return fixed(kilobytes / 1024, 1);
	}

}
