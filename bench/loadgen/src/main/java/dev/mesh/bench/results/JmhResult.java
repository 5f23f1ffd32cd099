package dev.mesh.bench.results;

import java.util.List;
import java.util.Map;

/**
 * One result of a JMH run, as JMH writes it with {@code -rf json} (the fields the report
 * reads; the rest is ignored).
 *
 * @param benchmark the benchmark method, e.g.
 * {@code dev.mesh.bench.jmh.PickBenchmark.pickAndComplete}
 * @param mode the benchmark mode, e.g. {@code avgt}
 * @param threads the threads that ran it at once
 * @param forks the forked JVMs
 * @param warmupIterations the warm-up iterations in each fork
 * @param measurementIterations the measured iterations in each fork
 * @param params the values of its parameters
 * @param primaryMetric the measured score
 */
public record JmhResult(String benchmark, String mode, int threads, int forks, int warmupIterations,
		int measurementIterations, Map<String, String> params, Metric primaryMetric) {

	/**
	 * A score with its error.
	 *
	 * @param score the mean over every measured iteration
	 * @param scoreError half the width of the 99.9% confidence interval ({@code NaN} with
	 * too few iterations)
	 * @param scoreConfidence the confidence interval
	 * @param scoreUnit the unit, e.g. {@code ns/op}
	 * @param rawData every measured iteration's score, per fork
	 */
	public record Metric(double score, double scoreError, List<Double> scoreConfidence, String scoreUnit,
			List<List<Double>> rawData) {

	}

}
