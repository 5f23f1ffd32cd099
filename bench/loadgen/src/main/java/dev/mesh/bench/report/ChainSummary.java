package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.JmhResult;

/**
 * The chain suite: the same call made directly, through the mesh client chain and through
 * Spring Cloud CircuitBreaker, at one fixed rate; what each chain adds over the direct
 * call (percentiles of the merged histograms, and the same difference per repetition, the
 * routes of a repetition having run back to back), against the targets for the
 * mesh: at most {@value #TARGET_P50_MICROS} µs more at p50 and no measurable change at
 * p99. A change at p99 is measurable when p99 was higher than the direct call's in every
 * one of at least {@value #MIN_REPS} repetitions (a sign test: by chance, 1 in 32 with
 * 5). JMH's cost of each chain per call around a no-op call completes it.
 */
final class ChainSummary {

	/**
	 * The routes in the order the report lists them: the direct call first.
	 */
	static final List<String> ROUTES = List.of("direct", "mesh", "resilience4j");

	static final String BASELINE = "direct";

	static final String MESH = "mesh";

	static final double TARGET_P50_MICROS = 5;

	static final int MIN_REPS = 5;

	/**
	 * JMH's benchmarks in the order the report lists them.
	 */
	static final List<String> BENCHMARKS = List.of("direct", "mesh", "meshWithoutTimeout", "resilience4j",
			"springCloud");

	private final HopSummary hop;

	private final List<HopSummary.OpenRow> rows;

	private final List<Added> added = new ArrayList<>();

	private final List<JmhRow> jmh = new ArrayList<>();

	ChainSummary(List<HopSegment> segments, List<JmhResult> results) {
		List<HopSegment> open = segments.stream().filter((segment) -> HopSegment.OPEN.equals(segment.mode())).toList();
		this.hop = new HopSummary(open);
		this.rows = this.hop.open()
			.stream()
			.sorted(Comparator.comparingDouble(HopSummary.OpenRow::rate).thenComparingInt((row) -> order(row.target())))
			.toList();
		for (HopSummary.OpenRow row : this.rows) {
			HopSummary.OpenRow base = this.hop.open(BASELINE, row.rate());
			if (!row.target().equals(BASELINE) && base != null) {
				this.added.add(added(row, base, open));
			}
		}
		for (JmhResult result : results) {
			if (result.primaryMetric() != null && result.benchmark() != null) {
				this.jmh.add(JmhRow.of(result));
			}
		}
		this.jmh.sort(Comparator.comparingInt((row) -> {
			int index = BENCHMARKS.indexOf(row.benchmark());
			return (index >= 0) ? index : BENCHMARKS.size();
		}));
	}

	boolean isEmpty() {
		return this.rows.isEmpty() && this.jmh.isEmpty();
	}

	List<HopSummary.OpenRow> rows() {
		return this.rows;
	}

	List<Added> added() {
		return this.added;
	}

	List<JmhRow> jmh() {
		return this.jmh;
	}

	Added added(String route) {
		return this.added.stream().filter((each) -> each.route().equals(route)).findFirst().orElse(null);
	}

	JmhRow jmh(String benchmark) {
		return this.jmh.stream().filter((row) -> row.benchmark().equals(benchmark)).findFirst().orElse(null);
	}

	Histogram histogram(HopSummary.OpenRow row) {
		return this.hop.histogram(row.target(), row.rate());
	}

	private static Added added(HopSummary.OpenRow row, HopSummary.OpenRow base, List<HopSegment> segments) {
		Map<Integer, double[]> byRep = new TreeMap<>();
		for (HopSegment segment : segments) {
			if (segment.rate() != row.rate()) {
				continue;
			}
			int index = segment.target().equals(BASELINE) ? 0 : (segment.target().equals(row.target()) ? 1 : -1);
			if (index >= 0) {
				Histogram histogram = Histograms.decode(segment.latency());
				double[] pair = byRep.computeIfAbsent(segment.rep(),
						(rep) -> new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN });
				pair[index] = histogram.getValueAtPercentile(50);
				pair[2 + index] = histogram.getValueAtPercentile(99);
			}
		}
		List<Double> p50 = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		byRep.values()
			.stream()
			.filter((pair) -> !Double.isNaN(pair[0] + pair[1] + pair[2] + pair[3]))
			.forEach((pair) -> {
				p50.add(pair[1] - pair[0]);
				p99.add(pair[3] - pair[2]);
			});
		long higher = p99.stream().filter((value) -> value > 0).count();
		double addedP50 = (row.p50() - base.p50()) * 1000;
		double addedP99 = (row.p99() - base.p99()) * 1000;
		String p50Status = (addedP50 <= TARGET_P50_MICROS) ? Goals.MET : Goals.MISSED;
		String p99Status;
		if (p99.size() < MIN_REPS) {
			p99Status = Goals.NOT_RUN;
		}
		else {
			p99Status = (addedP99 > 0 && higher == p99.size()) ? Goals.MISSED : Goals.MET;
		}
		return new Added(row.target(), row.rate(), addedP50, Stats.min(p50), Stats.max(p50), addedP99, Stats.min(p99),
				Stats.max(p99), (row.p999() - base.p999()) * 1000, row.cpuPerThousand() - base.cpuPerThousand(),
				(int) higher, p99.size(), p50Status, p99Status);
	}

	private static int order(String route) {
		int index = ROUTES.indexOf(route);
		return (index >= 0) ? index : ROUTES.size();
	}

	/**
	 * What a route adds over the direct call at one rate. Latencies in microseconds.
	 *
	 * @param route the route
	 * @param rate the scheduled rate
	 * @param p50 p50 of the merged histograms minus the direct call's
	 * @param p50Low smallest difference of one repetition
	 * @param p50High largest difference of one repetition
	 * @param p99 p99 of the merged histograms minus the direct call's
	 * @param p99Low smallest difference of one repetition
	 * @param p99High largest difference of one repetition
	 * @param p999 p99.9 of the merged histograms minus the direct call's
	 * @param cpuMicros CPU microseconds per request (caller and backend) minus the direct
	 * call's
	 * @param p99Higher repetitions in which p99 was higher than the direct call's
	 * @param reps repetitions with both routes
	 * @param p50Status the p50 target's verdict (it applies to the mesh)
	 * @param p99Status the p99 target's verdict, {@link Goals#NOT_RUN} with too few
	 * repetitions
	 */
	record Added(String route, double rate, double p50, double p50Low, double p50High, double p99, double p99Low,
			double p99High, double p999, double cpuMicros, int p99Higher, int reps, String p50Status,
			String p99Status) {

	}

	/**
	 * One JMH benchmark.
	 *
	 * @param benchmark the benchmark method
	 * @param nanos mean nanoseconds per call
	 * @param errorNanos half the 99.9% confidence interval, {@code NaN} with too few
	 * iterations
	 * @param bestNanos the fastest iteration
	 */
	record JmhRow(String benchmark, double nanos, double errorNanos, double bestNanos) {

		static JmhRow of(JmhResult result) {
			String name = result.benchmark().substring(result.benchmark().lastIndexOf('.') + 1);
			JmhResult.Metric metric = result.primaryMetric();
			double factor = LbPickSummary.nanosPer(metric.scoreUnit());
			double best = (metric.rawData() != null) ? metric.rawData()
				.stream()
				.flatMap(List::stream)
				.mapToDouble(Double::doubleValue)
				.min()
				.orElse(Double.NaN) : Double.NaN;
			return new JmhRow(name, metric.score() * factor, metric.scoreError() * factor, best * factor);
		}

	}

}
