package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lbpick suite's part of the report: the target and the cost of a pick per algorithm,
 * number of instances and threads.
 */
final class LbPickTables {

	private final LbPickSummary summary;

	private final Map<String, String> settings;

	LbPickTables(LbPickSummary summary, Map<String, String> settings) {
		this.summary = summary;
		this.settings = settings;
	}

	/**
	 * Return every table of the suite.
	 * @param heading the heading level of the suite's title
	 * @param method whether to add the paragraph that says how it was measured
	 * @return the markdown
	 */
	Markdown section(int heading, boolean method) {
		Markdown md = new Markdown();
		md.heading(heading, "lbpick: the cost of one load-balancer pick (JMH)");
		if (method) {
			md.paragraph(method());
		}
		md.append(targets()).append(costs());
		md.paragraph("Mean nanoseconds per pick and its completion over every measured iteration, ± half the "
				+ "99.9% confidence interval (JMH's error), and in brackets the fastest iteration. The target is "
				+ "judged on the mean. On a busy machine an iteration's mean includes the time the benchmark "
				+ "thread waited for its CPU, which widens the interval: the fastest iteration is the least "
				+ "disturbed one. With 2 threads, both pick from the same balancer at once, each on its own CPU, "
				+ "and the figure is each thread's own time per pick: it includes the contention on the shared "
				+ "counters (round robin's position, calls in flight, the latency averages).");
		return md;
	}

	private String method() {
		return String.format("JMH %s (`bench/jmh`, `PickBenchmark.pickAndComplete`): the starter's own "
				+ "`MeshLoadBalancer`, built as its auto-configuration builds it (policy bound from "
				+ "`mesh.outbound.destinations.<service>.load-balancer.*` properties, the system clock, outlier "
				+ "detection on with its defaults) over one destination of 10, 100 or 1,000 instances; each "
				+ "operation is one `choose` and the `completed(200)` the client makes after every call, so the "
				+ "calls in flight and the latency average are kept as in real use. `RING_HASH` hashes the "
				+ "`x-user` header, a different value on each pick (4,096 values). %s fork(s) per combination, "
				+ "%s warm-up iterations of %s, %s measured iterations of %s, average time mode; forked JVMs run "
				+ "with `%s`. 1 thread pinned to CPU %s, 2 threads to CPUs %s (`taskset`).",
				this.settings.getOrDefault("jmh", "?"), this.settings.getOrDefault("forks", "?"),
				this.settings.getOrDefault("warmup_iterations", "?"), this.settings.getOrDefault("warmup_time", "?"),
				this.settings.getOrDefault("iterations", "?"), this.settings.getOrDefault("iteration_time", "?"),
				this.settings.getOrDefault("jvm_flags", "?"), this.settings.getOrDefault("cpus_1_thread", "?"),
				this.settings.getOrDefault("cpus_2_threads", "?"));
	}

	private Markdown targets() {
		List<List<String>> rows = new ArrayList<>();
		for (LbPickSummary.Target target : this.summary.targets()) {
			String status = (Goals.MISSED.equals(target.status())) ? "**MISSED**" : target.status();
			rows.add(List.of(target.algorithm(), Integer.toString(target.threads()),
					"< " + Stats.whole(LbPickSummary.TARGET_NANOS) + " ns", cost(target.row()) + " ns", status,
					note(target.row())));
		}
		if (rows.isEmpty()) {
			rows.add(List.of("LEAST_REQUEST, LATENCY_AWARE", "—", "< 1,000 ns",
					"not measured at " + Stats.whole(LbPickSummary.TARGET_INSTANCES) + " instances", Goals.NOT_RUN,
					""));
		}
		return new Markdown().table(List.of("algorithm", "threads",
				"target: a pick at " + Stats.whole(LbPickSummary.TARGET_INSTANCES) + " instances",
				"measured: mean ± error (fastest iteration)", "status", "note"), rows);
	}

	private Markdown costs() {
		List<Integer> instances = this.summary.instances();
		List<Integer> threads = this.summary.threads();
		List<String> header = new ArrayList<>();
		header.add("algorithm");
		for (int count : threads) {
			for (int size : instances) {
				header.add(
						Stats.whole(size) + " instances, " + count + ((count == 1) ? " thread" : " threads") + " (ns)");
			}
		}
		List<List<String>> rows = new ArrayList<>();
		for (String algorithm : this.summary.algorithms()) {
			List<String> row = new ArrayList<>();
			row.add(algorithm);
			for (int count : threads) {
				for (int size : instances) {
					LbPickSummary.Row measured = this.summary.row(algorithm, size, count);
					row.add((measured != null) ? cost(measured) : "—");
				}
			}
			rows.add(row);
		}
		return new Markdown().table(header, rows);
	}

	private static String cost(LbPickSummary.Row row) {
		String value = nanos(row.nanos());
		if (!Double.isNaN(row.errorNanos())) {
			value += " ± " + nanos(row.errorNanos());
		}
		return Double.isNaN(row.bestNanos()) ? value : value + " (" + nanos(row.bestNanos()) + ")";
	}

	private static String note(LbPickSummary.Row row) {
		if (Double.isNaN(row.errorNanos())) {
			return "too few iterations for a confidence interval";
		}
		String upper = "99.9% CI up to " + Stats.whole(row.nanos() + row.errorNanos()) + " ns";
		return row.reaches(LbPickSummary.TARGET_NANOS) ? upper + ": reaches the target ⚠" : upper;
	}

	private static String nanos(double value) {
		return Stats.fixed(value, (value < 100) ? 1 : 0);
	}

}
