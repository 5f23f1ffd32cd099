package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The markdown of the report, and the summary {@code bench/README.md} embeds.
 */
final class MarkdownReport {

	private final RunData data;

	private final HopSummary hop;

	private final AppSummary apps;

	private final Goals goals;

	private final HopTables tables;

	private final PropagationSummary propagation;

	private final LbReport lb;

	private final ChainReport chain;

	private final HandshakeReport handshake;

	private final GatewayReport gateway;

	MarkdownReport(RunData data, HopSummary hop, AppSummary apps, Goals goals, PropagationSummary propagation,
			LbReport lb, ChainReport chain, HandshakeReport handshake, GatewayReport gateway) {
		this.data = data;
		this.hop = hop;
		this.apps = apps;
		this.goals = goals;
		this.tables = new HopTables(data, hop);
		this.propagation = propagation;
		this.lb = lb;
		this.chain = chain;
		this.handshake = handshake;
		this.gateway = gateway;
	}

	String full(List<String> charts) {
		Markdown md = new Markdown();
		md.heading(1, "Benchmark report, " + this.data.run().getOrDefault("started", "?"));
		md.append(intro());
		md.heading(2, "Machine").append(machine());
		md.heading(2, "Compass goals").append(goalTables());
		if (!this.hop.open().isEmpty() || !this.hop.closed().isEmpty()) {
			md.heading(2, "hop: one call from a caller to a backend (2 instances)");
			md.paragraph(paths());
			md.paragraph("Latency is measured from each request's intended start on a fixed-rate schedule "
					+ "(open loop), so time spent queued behind a slow response counts. \"⚠ over capacity\": the "
					+ "path completed fewer than 97% of the scheduled requests per second, i.e. the rate is beyond "
					+ "what the path sustains on this machine, and its latencies are mostly queueing. \"Other work on "
					+ "SUT / loadgen CPU\": the share of each CPU that processes outside the measured path used during "
					+ "the worst repetition (the other paths' idle programs, and whatever else ran on the machine); "
					+ "⚠ from 10%: that repetition's tail latency says more about the machine than about the path.");
			for (double rate : this.hop.rates()) {
				md.heading(3, String.format("%,.0f req/s (open loop)", rate)).append(this.tables.atRate(rate));
			}
			md.paragraph(warmups());
			md.heading(3, "What each path adds over P0").append(this.tables.addedOverP0());
			md.heading(3, "Maximum throughput (wrk, closed loop)").append(this.tables.saturation());
			md.heading(3, "Every process of every path at 1,000 req/s (medians of the repetitions)")
				.append(this.tables.processes(Goals.GOAL_RATE));
			md.paragraph(floor());
		}
		md.append(appTables());
		if (!this.propagation.isEmpty()) {
			md.append(new PropagationTables(this.propagation, this.data.propagationSettings()).section(2, true));
		}
		md.append(this.lb.sections(2, true));
		md.append(this.chain.section(2, true));
		md.append(this.handshake.section(2, true));
		md.append(this.gateway.section(2, true));
		if (!charts.isEmpty()) {
			md.heading(2, "Charts");
			charts.forEach((chart) -> md.paragraph("![" + chart + "](" + chart + ")"));
		}
		md.heading(2, "Settings of this run");
		List<List<String>> settings = new ArrayList<>();
		this.data.run().forEach((key, value) -> settings.add(List.of(key, value)));
		md.table(List.of("setting", "value"), settings);
		return md.toString();
	}

	String summary() {
		Markdown md = new Markdown();
		md.append(intro());
		md.heading(3, "Machine").append(machine());
		md.heading(3, "Compass goals").append(goalTables());
		if (this.hop.open(("P0"), Goals.GOAL_RATE) != null) {
			md.heading(3, "hop at 1,000 req/s (open loop)").append(this.tables.atRate(Goals.GOAL_RATE));
			md.heading(3, "hop: maximum throughput (wrk, closed loop)").append(this.tables.saturation());
			md.paragraph(floor());
		}
		md.append(appTables());
		return md.toString().replace("\n### ", "\n#### ");
	}

	/**
	 * Return the propagation suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String propagationSummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("few writes and reloads",
				String.format(
						"; nginx %s. SUT (control service, the 2 apps, nginx) on CPU %s, driver and probe on CPU %s.",
						this.data.machine().getOrDefault("nginx", "?"), run.getOrDefault("sut_cpus", "?"),
						run.getOrDefault("loadgen_cpus", "?")));
		md.append(new PropagationTables(this.propagation, this.data.propagationSettings()).section(5, false));
		return md.toString();
	}

	/**
	 * Return the lbpick suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String lbpickSummary() {
		Map<String, String> settings = this.data.loadBalancing().pickSettings();
		Markdown md = suiteHeader("short JMH iterations",
				String.format(". JMH %s; 1 thread on CPU %s, 2 threads on CPUs %s.", settings.getOrDefault("jmh", "?"),
						settings.getOrDefault("cpus_1_thread", "?"), settings.getOrDefault("cpus_2_threads", "?")));
		return md.append(this.lb.picksSection(5, false)).toString();
	}

	/**
	 * Return the lb suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String lbSummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("one repetition of short segments",
				String.format(". SUT (control service, 3 backends, 3 callers) on CPU %s, load generator on CPU %s.",
						run.getOrDefault("sut_cpus", "?"), run.getOrDefault("loadgen_cpus", "?")));
		return md.append(this.lb.tailSection(5, false)).toString();
	}

	/**
	 * Return the failover suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String failoverSummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("one repetition of a short segment",
				String.format(". SUT (control service, 2 backends, the caller) on CPU %s, load generator on CPU %s.",
						run.getOrDefault("sut_cpus", "?"), run.getOrDefault("loadgen_cpus", "?")));
		return md.append(this.lb.failoverSection(5, false)).toString();
	}

	/**
	 * Return the chain suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String chainSummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("one repetition of short segments and short JMH iterations",
				String.format(
						". SUT (the caller, the no-op nginx backend) and JMH on CPU %s, load generator on CPU %s.",
						run.getOrDefault("sut_cpus", "?"), run.getOrDefault("loadgen_cpus", "?")));
		return md.append(this.chain.section(5, false)).toString();
	}

	/**
	 * Return the handshake suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String handshakeSummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("one repetition of short segments",
				String.format("; %s; %s. Servers on CPU %s, `openssl s_time` clients on CPU %s.",
						this.data.machine().getOrDefault("nginx", "?"),
						this.data.machine().getOrDefault("openssl", "?"), run.getOrDefault("sut_cpus", "?"),
						run.getOrDefault("loadgen_cpus", "?")));
		return md.append(this.handshake.section(5, false)).toString();
	}

	/**
	 * Return the gateway suite's results as {@code bench/README.md} embeds them.
	 * @return the markdown
	 */
	String gatewaySummary() {
		Map<String, String> run = this.data.run();
		Markdown md = suiteHeader("one repetition of short segments",
				String.format("; %s. Backends, nginx and the gateways on CPU %s, wrk and the load generator on CPU %s.",
						this.data.machine().getOrDefault("nginx", "?"), run.getOrDefault("sut_cpus", "?"),
						run.getOrDefault("loadgen_cpus", "?")));
		return md.append(this.gateway.section(5, false)).toString();
	}

	/**
	 * The lines that open a suite's part of {@code bench/README.md}: quick mode, commit,
	 * machine, where the programs ran, the JVM flags and the load of the machine.
	 * @param quick what quick mode shortened
	 * @param placement text that follows the JDK: further tools, then where the programs
	 * ran
	 * @return the markdown
	 */
	private Markdown suiteHeader(String quick, String placement) {
		Map<String, String> run = this.data.run();
		Map<String, String> machine = this.data.machine();
		Markdown md = new Markdown();
		if ("quick".equals(run.get("mode"))) {
			md.paragraph("> **Quick mode**: " + quick + ", for development only. "
					+ "These numbers are not the project's results.");
		}
		md.paragraph(String.format("Commit `%s`%s; %s; %s%s Every JVM: `%s`.", machine.getOrDefault("commit", "?"),
				"yes".equals(machine.get("dirty")) ? " (with uncommitted changes)" : "",
				machine.getOrDefault("cpu", "?"), machine.getOrDefault("jdk", "?").trim(), placement,
				run.getOrDefault("jvm_flags", "?")));
		String busy = run.get("concurrent_load");
		if (busy != null && !busy.isEmpty()) {
			md.paragraph("**Machine load:** " + busy);
		}
		return md;
	}

	private Markdown intro() {
		Map<String, String> run = this.data.run();
		Markdown md = new Markdown();
		if ("quick".equals(run.get("mode"))) {
			md.paragraph("> **Quick mode**: short segments and few repetitions, for development only. "
					+ "These numbers are not the project's results.");
		}
		md.paragraph(String.format(
				"Commit `%s`%s, suites: %s. %s interleaved repetitions; each fixed-rate segment: %s warm-up "
						+ "(excluded) then %s measured; saturation: wrk, %s connections, %s warm-up then %s. "
						+ "SUT on CPU %s, load generator on CPU %s. Every JVM: `%s`.",
				this.data.machine().getOrDefault("commit", "?"),
				"yes".equals(this.data.machine().get("dirty")) ? " (with uncommitted changes)" : "",
				run.getOrDefault("suites", "?"), run.getOrDefault("reps", "?"), run.getOrDefault("warmup", "?"),
				run.getOrDefault("duration", "?"), run.getOrDefault("wrk_connections", "?"),
				run.getOrDefault("wrk_warmup", "?"), run.getOrDefault("duration", "?"),
				run.getOrDefault("sut_cpus", "?"), run.getOrDefault("loadgen_cpus", "?"),
				run.getOrDefault("jvm_flags", "?")));
		String busy = run.get("concurrent_load");
		if (busy != null && !busy.isEmpty()) {
			md.paragraph("**Machine load:** " + busy);
		}
		return md;
	}

	private Markdown machine() {
		List<List<String>> rows = new ArrayList<>();
		this.data.machine()
			.forEach((key, value) -> rows
				.add(List.of(key.replace('_', ' '), ("commit".equals(key)) ? "`" + value + "`" : value)));
		return new Markdown().table(List.of("", ""), rows);
	}

	private Markdown goalTables() {
		Markdown md = new Markdown();
		List<List<String>> rows = new ArrayList<>();
		for (Goals.Goal goal : this.goals.goals()) {
			String status = (Goals.MISSED.equals(goal.status())) ? "**MISSED**" : goal.status();
			rows.add(List.of(goal.goal(), goal.target(), goal.value(), status, goal.note()));
		}
		md.table(List.of("goal", "target", "measured", "status", "note"), rows);
		if (this.goals.p3Measured()) {
			md.paragraph("The goals use P3, the starter with mTLS and resilience. The pairs below are context: P3 vs "
					+ "P2 and P3b vs P1 compare mTLS paths, P3a vs P1a plaintext ones; P3a against P1 or P2 is not "
					+ "like for like.");
		}
		else {
			md.paragraph("While P3 (the starter with mTLS and resilience) is not measured, the goals are not "
					+ "either; the pairs below are context, not the goals: only the rows marked like for like compare "
					+ "paths doing the same work.");
		}
		List<List<String>> comparisons = new ArrayList<>();
		for (Goals.Comparison comparison : this.goals.comparisons()) {
			comparisons.add(List.of(comparison.comparison(), comparison.addedP99(), comparison.addedCpu(),
					comparison.throughput(), comparison.caveat()));
		}
		md.table(List.of("pair", "added p99 ratio (target ≤ 0.5)", "added CPU ratio (target ≤ 0.4)",
				"max req/s ratio (target ≥ 1.3)", "caveat"), comparisons);
		List<List<String>> differences = new ArrayList<>();
		for (Goals.Difference difference : this.goals.differences()) {
			differences.add(List.of(difference.pair(), difference.addedP50(), difference.addedP99(),
					difference.addedCpu(), difference.meaning()));
		}
		md.table(List.of("at 1,000 req/s", "added p50", "added p99", "added CPU-ms per 1,000 requests",
				"what it measures"), differences);
		return md;
	}

	private String paths() {
		StringBuilder text = new StringBuilder();
		for (PathInfo path : this.data.paths()) {
			text.append("- **").append(path.id()).append("**: ").append(path.label());
			if (!path.measured()) {
				text.append(" — **").append(path.note()).append("**");
			}
			else if (!path.note().isEmpty()) {
				text.append(" (").append(path.note()).append(')');
			}
			text.append('\n');
		}
		return text.toString().trim();
	}

	private String warmups() {
		List<String> parts = new ArrayList<>();
		for (PathInfo path : this.data.paths()) {
			this.data.warmups()
				.stream()
				.filter((warmup) -> warmup.target().equals(path.id()))
				.findFirst()
				.ifPresent((warmup) -> parts.add(String.format("%s %.0f s%s", path.id(), warmup.seconds(),
						(warmup.converged()) ? "" : " (**not steady** at the limit)")));
		}
		if (parts.isEmpty()) {
			return "";
		}
		return "**Warm-up** (excluded), at 1,000 req/s until the path's CPU per request was steady: "
				+ String.join(", ", parts) + ".";
	}

	private String floor() {
		List<String> parts = new ArrayList<>();
		for (double rate : this.hop.rates()) {
			HopSummary.OpenRow row = this.hop.open("floor", rate);
			if (row != null) {
				parts.add(String.format("%,.0f req/s: p50 %s ms, p99 %s ms, p99.9 %s ms", rate, Stats.millis(row.p50()),
						Stats.millis(row.p99()), Stats.millis(row.p999())));
			}
		}
		if (parts.isEmpty()) {
			return "The load generator's floor was not measured in this run.";
		}
		return "**Load generator floor** (the same generator against a no-op nginx returning the same 1 KiB, on the "
				+ "same cores): " + String.join("; ", parts) + ". Differences between paths smaller than the floor's "
				+ "spread are noise.";
	}

	private Markdown appTables() {
		Markdown md = new Markdown();
		if (this.apps.hasMemory()) {
			md.heading(3, String.format("memory: the caller without and with the starter (%d + %d repetitions)",
					this.apps.memoryReps(AppSummary.PLAIN), this.apps.memoryReps(AppSummary.MESH)));
			md.paragraph(
					"After a fixed load through the caller (see the settings) and a full GC (`jcmd GC.run`). Medians, range of the "
							+ "repetitions in brackets.");
			md.append(metricTable(this.apps.memoryMetrics()));
		}
		if (this.apps.hasStartup()) {
			md.heading(3, String.format("startup: the caller without and with the starter (%d + %d repetitions)",
					this.apps.startupReps(AppSummary.PLAIN), this.apps.startupReps(AppSummary.MESH)));
			md.paragraph("Time to ready: from the launch of the JVM to the first successful `GET /hop` "
					+ "(which calls the backend; with the starter, through the mesh). Medians, range in brackets.");
			md.append(metricTable(this.apps.startupMetrics()));
		}
		return md;
	}

	private static Markdown metricTable(List<AppSummary.Metric> metrics) {
		List<List<String>> rows = new ArrayList<>();
		for (AppSummary.Metric metric : metrics) {
			int decimals = (metric.name().contains("MB")) ? 1 : 0;
			rows.add(List.of(metric.name(), cell(metric.plain(), metric.plainLow(), metric.plainHigh(), decimals),
					cell(metric.mesh(), metric.meshLow(), metric.meshHigh(), decimals),
					((metric.added() >= 0) ? "+" : "") + Stats.fixed(metric.added(), decimals)));
		}
		return new Markdown().table(List.of("", "without the starter", "with the starter", "added by the starter"),
				rows);
	}

	private static String cell(double median, double low, double high, int decimals) {
		return Stats.fixed(median, decimals) + " (" + Stats.fixed(low, decimals) + "–" + Stats.fixed(high, decimals)
				+ ")";
	}

}
