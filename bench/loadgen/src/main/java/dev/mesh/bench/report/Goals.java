package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The compass goals of the issue, computed from what was measured, the context
 * comparisons of other pairs of paths, and what mTLS and the resilience chain add to the
 * starter.
 */
final class Goals {

	/**
	 * The rate at which latency and CPU goals are read.
	 */
	static final double GOAL_RATE = 1000;

	static final String MET = "met";

	static final String MISSED = "MISSED";

	static final String NOT_MEASURABLE = "not measurable yet";

	static final String NOT_RUN = "not run";

	private final RunData data;

	private final HopSummary hop;

	private final AppSummary apps;

	Goals(RunData data, HopSummary hop, AppSummary apps) {
		this.data = data;
		this.hop = hop;
		this.apps = apps;
	}

	List<Goal> goals() {
		List<Goal> goals = new ArrayList<>();
		goals.add(hopGoal("Added p99 at 1,000 req/s, P3 over P0 ÷ P1 over P0", "≤ 0.5", 0.5, true,
				addedP99Ratio("P3", "P1")));
		goals.add(hopGoal("Added CPU per 1,000 requests at 1,000 req/s, P3 ÷ P1 (each over P0)", "≤ 0.4", 0.4, true,
				addedCpuRatio("P3", "P1")));
		goals.add(hopGoal("Max req/s, P3 ÷ P1", "≥ 1.3", 1.3, false, throughputRatio("P3", "P1")));
		goals.add(memoryGoal());
		return goals;
	}

	/**
	 * Whether P3, the path of the goals, was measured.
	 * @return whether it was
	 */
	boolean p3Measured() {
		PathInfo p3 = this.data.path("P3");
		return p3 != null && p3.measured();
	}

	List<Comparison> comparisons() {
		List<Comparison> comparisons = new ArrayList<>();
		comparisons.add(comparison("P3", "P2",
				"like for like: both mTLS (the haproxy pair); P3 also has its timeout, circuit breaker and retries"));
		comparisons.add(comparison("P3b", "P1",
				"like for like: both mTLS, neither with a timeout or circuit breaker (nginx tries the other backend after "
						+ "a connection error, its default)"));
		comparisons.add(comparison("P3a", "P1a",
				"like for like: both plaintext (P1a is the nginx pair without TLS, added for this comparison)"));
		comparisons.add(comparison("P3a", "P1",
				"NOT like for like: P1 encrypts and authenticates every hop (mTLS), P3a does not; flatters P3a"));
		comparisons.add(comparison("P3a", "P2",
				"NOT like for like: P2 encrypts and authenticates every hop (mTLS), P3a does not; flatters P3a"));
		return comparisons;
	}

	/**
	 * What mTLS adds to the starter (P3b over P3a: the same apps and control plane, with
	 * and without mTLS) and what the resilience chain adds to it (P3 over P3b), at 1,000
	 * req/s.
	 * @return the two differences
	 */
	List<Difference> differences() {
		return List.of(
				difference("P3b", "P3a",
						"what mTLS adds to the starter: the same apps and control plane with mTLS (P3b, retries off) "
								+ "and without (P3a, default retries, which a fast backend never uses)"),
				difference("P3", "P3b",
						"what the resilience chain adds: timeout, circuit breaker and default retries"));
	}

	private Difference difference(String with, String without, String meaning) {
		HopSummary.OpenRow more = this.hop.open(with, GOAL_RATE);
		HopSummary.OpenRow less = this.hop.open(without, GOAL_RATE);
		String pair = with + " − " + without;
		if (more == null || less == null) {
			String missing = "n/a: " + with + " and " + without + " must both be measured at 1,000 req/s";
			return new Difference(pair, missing, missing, missing, meaning);
		}
		return new Difference(pair, signedMillis(more.p50() - less.p50()), signedMillis(more.p99() - less.p99()),
				signed(Stats.fixed(more.cpuPerThousand() - less.cpuPerThousand(), 0),
						more.cpuPerThousand() - less.cpuPerThousand()),
				meaning);
	}

	private static String signedMillis(double millis) {
		return signed(Stats.millis(millis), millis) + " ms";
	}

	private static String signed(String text, double value) {
		return (value >= 0 && !text.startsWith("n/a")) ? "+" + text : text;
	}

	private Goal hopGoal(String name, String targetText, double target, boolean atMost, Ratio ratio) {
		PathInfo p3 = this.data.path("P3");
		if (p3 == null || (!p3.measured() && p3.available())) {
			return new Goal(name, targetText, "n/a", NOT_RUN, "P3 was not run");
		}
		if (!p3.measured()) {
			return new Goal(name, targetText, "n/a", NOT_MEASURABLE, p3.note());
		}
		if (ratio.value() == null) {
			return new Goal(name, targetText, "n/a", NOT_RUN, ratio.why());
		}
		boolean met = (atMost) ? ratio.value() <= target : ratio.value() >= target;
		return new Goal(name, targetText, Stats.fixed(ratio.value(), 2), (met) ? MET : MISSED, ratio.why());
	}

	private Goal memoryGoal() {
		String name = "Memory the starter adds to an app (PSS, caller after load and GC)";
		if (!this.apps.hasMemory()) {
			return new Goal(name, "≤ 20 MB", "n/a", NOT_RUN, "the memory suite was not run");
		}
		double added = this.apps.addedPssKb() / 1024;
		String note = "RSS added: " + Stats.fixed(this.apps.addedRssKb() / 1024, 1)
				+ " MB. Measured with the starter without a workload identity (discovery, load balancing, the"
				+ " resilience chain, metrics, actuator); mTLS adds to it (the hop suite shows P3's caller).";
		if (Double.isNaN(added)) {
			return new Goal(name, "≤ 20 MB", "n/a", NOT_RUN, "no memory samples for one of the variants");
		}
		return new Goal(name, "≤ 20 MB", Stats.fixed(added, 1) + " MB", (added <= 20) ? MET : MISSED, note);
	}

	private Comparison comparison(String mesh, String sidecar, String caveat) {
		return new Comparison(mesh + " vs " + sidecar, addedP99Ratio(mesh, sidecar).text(),
				addedCpuRatio(mesh, sidecar).text(), throughputRatio(mesh, sidecar).text(), caveat);
	}

	Ratio addedP99Ratio(String mesh, String sidecar) {
		HopSummary.OpenRow base = this.hop.open("P0", GOAL_RATE);
		HopSummary.OpenRow numerator = this.hop.open(mesh, GOAL_RATE);
		HopSummary.OpenRow denominator = this.hop.open(sidecar, GOAL_RATE);
		if (base == null || numerator == null || denominator == null) {
			return Ratio.missing("P0, " + mesh + " and " + sidecar + " must all be measured at 1,000 req/s");
		}
		return Ratio.of(numerator.p99() - base.p99(), denominator.p99() - base.p99(),
				"added p99 " + Stats.millis(numerator.p99() - base.p99()) + " ms vs "
						+ Stats.millis(denominator.p99() - base.p99()) + " ms");
	}

	Ratio addedCpuRatio(String mesh, String sidecar) {
		HopSummary.OpenRow base = this.hop.open("P0", GOAL_RATE);
		HopSummary.OpenRow numerator = this.hop.open(mesh, GOAL_RATE);
		HopSummary.OpenRow denominator = this.hop.open(sidecar, GOAL_RATE);
		if (base == null || numerator == null || denominator == null) {
			return Ratio.missing("P0, " + mesh + " and " + sidecar + " must all be measured at 1,000 req/s");
		}
		return Ratio.of(numerator.cpuPerThousand() - base.cpuPerThousand(),
				denominator.cpuPerThousand() - base.cpuPerThousand(),
				"added " + Stats.fixed(numerator.cpuPerThousand() - base.cpuPerThousand(), 0) + " vs "
						+ Stats.fixed(denominator.cpuPerThousand() - base.cpuPerThousand(), 0)
						+ " CPU-ms per 1,000 requests");
	}

	Ratio throughputRatio(String mesh, String sidecar) {
		HopSummary.ClosedRow numerator = this.hop.closed(mesh);
		HopSummary.ClosedRow denominator = this.hop.closed(sidecar);
		if (numerator == null || denominator == null) {
			return Ratio.missing(mesh + " and " + sidecar + " must both be measured at saturation");
		}
		return Ratio.of(numerator.median(), denominator.median(),
				Stats.whole(numerator.median()) + " vs " + Stats.whole(denominator.median()) + " req/s");
	}

	/**
	 * A compass goal and where the project stands.
	 *
	 * @param goal what is compared
	 * @param target the target
	 * @param value the measured value
	 * @param status met, missed, not measurable yet, or not run
	 * @param note how the value came about, or why there is none
	 */
	record Goal(String goal, String target, String value, String status, String note) {

	}

	/**
	 * The three ratios for a pair of paths that is not the goal's pair.
	 *
	 * @param comparison the pair
	 * @param addedP99 the added-p99 ratio at 1,000 req/s
	 * @param addedCpu the added-CPU ratio at 1,000 req/s
	 * @param throughput the max req/s ratio
	 * @param caveat why this pair is or is not like for like
	 */
	record Comparison(String comparison, String addedP99, String addedCpu, String throughput, String caveat) {

	}

	/**
	 * What one path adds over another at 1,000 req/s.
	 *
	 * @param pair the paths, e.g. {@code P3b − P3a}
	 * @param addedP50 the difference of the p50s
	 * @param addedP99 the difference of the p99s
	 * @param addedCpu the difference of the CPU-ms per 1,000 requests
	 * @param meaning what the difference measures
	 */
	record Difference(String pair, String addedP50, String addedP99, String addedCpu, String meaning) {

	}

	/**
	 * A ratio, or why there is none.
	 *
	 * @param value the ratio, or {@code null}
	 * @param why how it came about, or why there is none
	 */
	record Ratio(Double value, String why) {

		static Ratio missing(String why) {
			return new Ratio(null, why);
		}

		static Ratio of(double numerator, double denominator, String how) {
			if (Double.isNaN(numerator) || Double.isNaN(denominator)) {
				return missing("a value is missing");
			}
			if (denominator <= 0) {
				return missing("undefined: the denominator path added nothing measurable over P0 (" + how + ")");
			}
			return new Ratio(numerator / denominator, how);
		}

		String text() {
			return (this.value != null) ? Stats.fixed(this.value, 2) + " (" + this.why + ")" : "n/a: " + this.why;
		}

	}

}
