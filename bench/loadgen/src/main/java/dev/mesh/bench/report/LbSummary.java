package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;

/**
 * The lb suite: the same destination (three instances, one answering late) called through
 * the starter with each algorithm, at one fixed rate. Latency histograms of an
 * algorithm's repetitions are added together and read once (as in the hop suite); the
 * share of requests that reached the slow instance comes from the instances' own counts;
 * the target is p99 of {@code LATENCY_AWARE} over p99 of {@code ROUND_ROBIN}.
 */
final class LbSummary {

	/**
	 * The algorithms in the order the report lists them: the baseline, the one with the
	 * target, and the third for comparison.
	 */
	static final List<String> ALGORITHMS = List.of("ROUND_ROBIN", "LATENCY_AWARE", "LEAST_REQUEST");

	/**
	 * The target: p99 of LATENCY_AWARE at most this share of ROUND_ROBIN's.
	 */
	static final double TARGET_RATIO = 0.3;

	/**
	 * Counters of responses served by each backend instance start with this.
	 */
	static final String SERVED = "served_";

	/**
	 * The counter of the slow instance.
	 */
	static final String SLOW = SERVED + "slow";

	private final HopSummary hop;

	private final List<Row> rows = new ArrayList<>();

	private final Ratio ratio;

	LbSummary(List<HopSegment> segments) {
		List<HopSegment> open = segments.stream().filter((segment) -> HopSegment.OPEN.equals(segment.mode())).toList();
		this.hop = new HopSummary(open);
		for (HopSummary.OpenRow row : this.hop.open()) {
			List<HopSegment> group = open.stream()
				.filter((segment) -> segment.target().equals(row.target()) && segment.rate() == row.rate())
				.toList();
			long slow = sum(group, SLOW);
			long served = group.stream()
				.flatMap((segment) -> counters(segment).entrySet().stream())
				.filter((counter) -> counter.getKey().startsWith(SERVED))
				.mapToLong(Map.Entry::getValue)
				.sum();
			this.rows.add(new Row(row.target(), row, slow, served, (served > 0) ? (double) slow / served : Double.NaN));
		}
		this.rows.sort(Comparator.comparingInt((Row row) -> order(row.algorithm()))
			.thenComparingDouble((row) -> row.latency().rate()));
		this.ratio = ratio(open);
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	List<Row> rows() {
		return this.rows;
	}

	Ratio ratio() {
		return this.ratio;
	}

	Histogram histogram(Row row) {
		return this.hop.histogram(row.algorithm(), row.latency().rate());
	}

	private Ratio ratio(List<HopSegment> segments) {
		Row baseline = find("ROUND_ROBIN");
		Row aware = find("LATENCY_AWARE");
		if (baseline == null || aware == null || baseline.latency().p99() <= 0) {
			return new Ratio(Double.NaN, Double.NaN, Double.NaN, Goals.NOT_RUN);
		}
		Map<Integer, double[]> byRep = new TreeMap<>();
		for (HopSegment segment : segments) {
			int index = ALGORITHMS.indexOf(segment.target());
			if (index == 0 || index == 1) {
				double p99 = Histograms.decode(segment.latency()).getValueAtPercentile(99);
				byRep.computeIfAbsent(segment.rep(), (rep) -> new double[] { Double.NaN, Double.NaN })[index] = p99;
			}
		}
		List<Double> each = byRep.values()
			.stream()
			.filter((pair) -> !Double.isNaN(pair[0]) && !Double.isNaN(pair[1]) && pair[0] > 0)
			.map((pair) -> pair[1] / pair[0])
			.toList();
		double value = aware.latency().p99() / baseline.latency().p99();
		return new Ratio(value, Stats.min(each), Stats.max(each), (value <= TARGET_RATIO) ? Goals.MET : Goals.MISSED);
	}

	private Row find(String algorithm) {
		return this.rows.stream().filter((row) -> row.algorithm().equals(algorithm)).findFirst().orElse(null);
	}

	private static long sum(List<HopSegment> group, String counter) {
		return group.stream().mapToLong((segment) -> counters(segment).getOrDefault(counter, 0L)).sum();
	}

	private static Map<String, Long> counters(HopSegment segment) {
		return (segment.counters() != null) ? segment.counters() : Map.of();
	}

	private static int order(String algorithm) {
		int index = ALGORITHMS.indexOf(algorithm);
		return (index >= 0) ? index : ALGORITHMS.size();
	}

	/**
	 * One algorithm at the suite's rate, all repetitions together.
	 *
	 * @param algorithm the algorithm
	 * @param latency latency, rate, errors and CPU, read as the hop suite reads them
	 * @param slowRequests responses the slow instance served during the measured segments
	 * @param servedRequests responses every instance served during them
	 * @param slowShare share of the requests that reached the slow instance
	 */
	record Row(String algorithm, HopSummary.OpenRow latency, long slowRequests, long servedRequests, double slowShare) {

	}

	/**
	 * p99 of LATENCY_AWARE over p99 of ROUND_ROBIN.
	 *
	 * @param value the ratio of the merged histograms' p99
	 * @param low the smallest ratio of one repetition
	 * @param high the largest ratio of one repetition
	 * @param status met, MISSED, or not run
	 */
	record Ratio(double value, double low, double high, String status) {

	}

}
