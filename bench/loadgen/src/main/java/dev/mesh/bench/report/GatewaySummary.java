package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.WarmupResult;

/**
 * The gateway suite's numbers: each contender's maximum throughput (wrk) and latency at
 * half of nginx's maximum (open loop), what each adds over the direct call, the split
 * each splitting contender made of its requests (counted by the backends), and the
 * issue's three targets for the mesh gateway: at least {@value #TARGET_MAX_RATIO}×
 * nginx's maximum, at most {@value #TARGET_P99_RATIO}× nginx's added p99, and a split
 * error of at most {@value #TARGET_SPLIT_POINTS} points.
 */
final class GatewaySummary {

	static final List<String> TARGETS = List.of("direct", "nginx", "scg", "mesh");

	static final String DIRECT = "direct";

	static final String NGINX = "nginx";

	static final String MESH = "mesh";

	static final double TARGET_MAX_RATIO = 0.5;

	static final double TARGET_P99_RATIO = 1.2;

	static final double TARGET_SPLIT_POINTS = 0.3;

	static final double CANARY_PERCENT = 10;

	private final HopSummary hop;

	private final List<HopSummary.ClosedRow> closed = new ArrayList<>();

	private final List<HopSummary.OpenRow> open = new ArrayList<>();

	private final List<Split> splits = new ArrayList<>();

	private final List<WarmupResult> warmups;

	private final Map<String, String> settings;

	GatewaySummary(List<HopSegment> segments, List<HopSegment> splitSegments, List<WarmupResult> warmups,
			Map<String, String> settings) {
		this.hop = new HopSummary(segments);
		this.warmups = warmups;
		this.settings = settings;
		double rate = this.hop.rates().isEmpty() ? Double.NaN : this.hop.rates().get(0);
		for (String target : TARGETS) {
			HopSummary.ClosedRow max = this.hop.closed(target);
			if (max != null) {
				this.closed.add(max);
			}
			HopSummary.OpenRow row = this.hop.open(target, rate);
			if (row != null) {
				this.open.add(row);
			}
		}
		for (HopSegment segment : splitSegments) {
			long v1 = segment.counters().getOrDefault("served_v1", -1L);
			long v2 = segment.counters().getOrDefault("served_v2", -1L);
			double share = (v1 + v2 > 0) ? 100.0 * v2 / (v1 + v2) : Double.NaN;
			this.splits.add(new Split(segment.target(), segment.requests(), segment.errors(), v1, v2, share,
					Math.abs(share - CANARY_PERCENT)));
		}
		this.splits.sort((a, b) -> Integer.compare(TARGETS.indexOf(a.target()), TARGETS.indexOf(b.target())));
	}

	static GatewaySummary load(Path directory) {
		return new GatewaySummary(RunData.read(directory.resolve("raw/gateway"), HopSegment.class),
				RunData.read(directory.resolve("raw/gateway-split"), HopSegment.class),
				RunData.read(directory.resolve("raw/gateway-warmup"), WarmupResult.class),
				RunData.properties(directory.resolve("meta/gateway.txt")));
	}

	boolean isEmpty() {
		return this.closed.isEmpty() && this.open.isEmpty() && this.splits.isEmpty();
	}

	List<HopSummary.ClosedRow> closed() {
		return this.closed;
	}

	List<HopSummary.OpenRow> open() {
		return this.open;
	}

	List<Split> splits() {
		return this.splits;
	}

	List<WarmupResult> warmups() {
		return this.warmups;
	}

	Map<String, String> settings() {
		return this.settings;
	}

	HopSummary hop() {
		return this.hop;
	}

	HopSummary.OpenRow open(String target) {
		return this.open.stream().filter((row) -> row.target().equals(target)).findFirst().orElse(null);
	}

	/**
	 * Return a contender's maximum throughput over nginx's.
	 * @param target the contender
	 * @return the ratio of the medians, NaN when either is missing
	 */
	double maxRatio(String target) {
		HopSummary.ClosedRow row = this.hop.closed(target);
		HopSummary.ClosedRow nginx = this.hop.closed(NGINX);
		return (row != null && nginx != null && nginx.median() > 0) ? row.median() / nginx.median() : Double.NaN;
	}

	/**
	 * Return what a contender adds to the direct call's p99 at the fixed rate.
	 * @param target the contender
	 * @return milliseconds, NaN when either is missing
	 */
	double addedP99(String target) {
		HopSummary.OpenRow row = open(target);
		HopSummary.OpenRow direct = open(DIRECT);
		return (row != null && direct != null) ? row.p99() - direct.p99() : Double.NaN;
	}

	double addedP50(String target) {
		HopSummary.OpenRow row = open(target);
		HopSummary.OpenRow direct = open(DIRECT);
		return (row != null && direct != null) ? row.p50() - direct.p50() : Double.NaN;
	}

	/**
	 * Return a contender's added p99 over nginx's added p99.
	 * @param target the contender
	 * @return the ratio, NaN when nginx added nothing measurable (the ratio is undefined)
	 */
	double p99Ratio(String target) {
		double nginx = addedP99(NGINX);
		return (nginx > 0) ? addedP99(target) / nginx : Double.NaN;
	}

	Split split(String target) {
		return this.splits.stream().filter((split) -> split.target().equals(target)).findFirst().orElse(null);
	}

	/**
	 * The targets for the mesh gateway, each with its verdict.
	 * @return the goals
	 */
	List<Goals.Goal> goals() {
		List<Goals.Goal> goals = new ArrayList<>();
		double max = maxRatio(MESH);
		goals.add(goal("Max req/s, mesh gateway (90/10 split) ÷ nginx split_clients", "≥ 0.5", max,
				max >= TARGET_MAX_RATIO, "wrk, closed loop; scg ÷ nginx: " + Stats.fixed(maxRatio("scg"), 2)));
		double p99 = p99Ratio(MESH);
		String p99Why = String.format("added p99 over direct at the fixed rate: mesh %s ms, nginx %s ms",
				Stats.millis(addedP99(MESH)), Stats.millis(addedP99(NGINX)));
		if (Double.isNaN(p99) && !Double.isNaN(addedP99(MESH))) {
			p99Why = "undefined: nginx added nothing measurable over direct (" + p99Why + ")";
		}
		goals.add(goal("Added p99, mesh gateway ÷ nginx (each over direct)", "≤ 1.2", p99, p99 <= TARGET_P99_RATIO,
				p99Why));
		Split split = split(MESH);
		double error = (split != null) ? split.errorPoints() : Double.NaN;
		goals.add(goal(
				"Split error of the mesh gateway after " + Stats.whole((split != null) ? split.requests() : 0)
						+ " requests (points)",
				"≤ 0.3", error, error <= TARGET_SPLIT_POINTS,
				(split != null) ? String.format("v2 served %s%% (weight 10%%)", Stats.fixed(split.v2Percent(), 3))
						: "not run"));
		return goals;
	}

	private static Goals.Goal goal(String name, String target, double value, boolean met, String why) {
		if (Double.isNaN(value)) {
			return new Goals.Goal(name, target, "n/a", Goals.NOT_RUN, why);
		}
		return new Goals.Goal(name, target, Stats.fixed(value, 2), met ? Goals.MET : Goals.MISSED, why);
	}

	/**
	 * The split one contender made of its requests.
	 *
	 * @param target the contender
	 * @param requests requests the generator completed
	 * @param errors requests that failed
	 * @param v1 requests backend v1 served meanwhile
	 * @param v2 requests backend v2 served meanwhile
	 * @param v2Percent v2's share of what both served, in percent
	 * @param errorPoints distance of that share from the weight (10%), in points
	 */
	record Split(String target, long requests, long errors, long v1, long v2, double v2Percent, double errorPoints) {

	}

}
