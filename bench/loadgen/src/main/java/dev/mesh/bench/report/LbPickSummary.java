package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import dev.mesh.bench.results.JmhResult;

/**
 * The lbpick suite: JMH's cost of one load-balancer pick (and its completion) per
 * algorithm, number of instances and threads, and the target for the two
 * power-of-two-choices algorithms at 1,000 instances.
 */
final class LbPickSummary {

	/**
	 * The algorithms in the order the report lists them.
	 */
	static final List<String> ALGORITHMS = List.of("ROUND_ROBIN", "RANDOM", "LEAST_REQUEST", "LATENCY_AWARE",
			"RING_HASH");

	/**
	 * The algorithms the target applies to: power of two choices by calls in flight, and
	 * by peak-EWMA latency.
	 */
	static final List<String> TARGETED = List.of("LEAST_REQUEST", "LATENCY_AWARE");

	/**
	 * The number of instances the target is read at.
	 */
	static final int TARGET_INSTANCES = 1000;

	/**
	 * The target: a pick costs less than this, in nanoseconds.
	 */
	static final double TARGET_NANOS = 1000;

	private final List<Row> rows = new ArrayList<>();

	LbPickSummary(List<JmhResult> results) {
		for (JmhResult result : results) {
			if (result.params() == null || result.primaryMetric() == null) {
				continue;
			}
			String algorithm = result.params().get("algorithm");
			String instances = result.params().get("instances");
			if (algorithm == null || instances == null) {
				continue;
			}
			JmhResult.Metric metric = result.primaryMetric();
			double factor = nanosPer(metric.scoreUnit());
			double best = (metric.rawData() != null) ? metric.rawData()
				.stream()
				.flatMap(List::stream)
				.mapToDouble(Double::doubleValue)
				.min()
				.orElse(Double.NaN) : Double.NaN;
			this.rows.add(new Row(algorithm, Integer.parseInt(instances), result.threads(), metric.score() * factor,
					metric.scoreError() * factor, best * factor, result.forks(), result.measurementIterations()));
		}
		this.rows.sort(Comparator.comparingInt((Row row) -> order(row.algorithm()))
			.thenComparingInt(Row::instances)
			.thenComparingInt(Row::threads));
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	List<Row> rows() {
		return this.rows;
	}

	Row row(String algorithm, int instances, int threads) {
		return this.rows.stream()
			.filter((row) -> row.algorithm().equals(algorithm) && row.instances() == instances
					&& row.threads() == threads)
			.findFirst()
			.orElse(null);
	}

	List<Integer> instances() {
		return new ArrayList<>(new TreeSet<>(this.rows.stream().map(Row::instances).toList()));
	}

	List<Integer> threads() {
		return new ArrayList<>(new TreeSet<>(this.rows.stream().map(Row::threads).toList()));
	}

	List<String> algorithms() {
		return this.rows.stream().map(Row::algorithm).distinct().toList();
	}

	/**
	 * Return the target's verdict for each targeted algorithm and thread count measured
	 * at {@value #TARGET_INSTANCES} instances.
	 * @return one target per algorithm and thread count
	 */
	List<Target> targets() {
		List<Target> targets = new ArrayList<>();
		for (String algorithm : TARGETED) {
			for (int threads : threads()) {
				Row row = row(algorithm, TARGET_INSTANCES, threads);
				if (row != null) {
					String status = (row.nanos() < TARGET_NANOS) ? Goals.MET : Goals.MISSED;
					targets.add(new Target(algorithm, threads, row, status));
				}
			}
		}
		return targets;
	}

	private static int order(String algorithm) {
		int index = ALGORITHMS.indexOf(algorithm);
		return (index >= 0) ? index : ALGORITHMS.size();
	}

	static double nanosPer(String unit) {
		String text = (unit != null) ? unit.toLowerCase(Locale.ROOT) : "ns/op";
		if (text.startsWith("us") || text.startsWith("µs")) {
			return 1_000;
		}
		if (text.startsWith("ms")) {
			return 1_000_000;
		}
		return 1;
	}

	/**
	 * One measured combination.
	 *
	 * @param algorithm the algorithm
	 * @param instances instances of the destination
	 * @param threads threads picking at once
	 * @param nanos mean cost of a pick and its completion, per thread
	 * @param errorNanos half the 99.9% confidence interval ({@code NaN} with too few
	 * iterations)
	 * @param bestNanos the fastest measured iteration: the least disturbed by other work
	 * on a busy machine ({@code NaN} when JMH gave no iterations)
	 * @param forks forked JVMs
	 * @param iterations measured iterations per fork
	 */
	record Row(String algorithm, int instances, int threads, double nanos, double errorNanos, double bestNanos,
			int forks, int iterations) {

		/**
		 * Whether the confidence interval reaches up to a value.
		 * @param nanos the value
		 * @return whether mean plus error is at least the value
		 */
		boolean reaches(double nanos) {
			return !Double.isNaN(this.errorNanos) && this.nanos + this.errorNanos >= nanos;
		}

	}

	/**
	 * The target for one algorithm and thread count.
	 *
	 * @param algorithm the algorithm
	 * @param threads threads picking at once
	 * @param row the measurement at {@value LbPickSummary#TARGET_INSTANCES} instances
	 * @param status met or MISSED
	 */
	record Target(String algorithm, int threads, Row row, String status) {

	}

}
