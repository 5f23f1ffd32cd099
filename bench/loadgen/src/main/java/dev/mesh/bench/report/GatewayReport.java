package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway suite's part of the report: its targets with their verdicts, maximum
 * throughput, latency at the fixed rate and what each contender adds over the direct
 * call, the split counted by the backends, a chart and JSON.
 */
final class GatewayReport {

	private final GatewaySummary summary;

	GatewayReport(GatewaySummary summary) {
		this.summary = summary;
	}

	boolean isEmpty() {
		return this.summary.isEmpty();
	}

	Markdown section(int heading, boolean method) {
		Markdown md = new Markdown();
		if (isEmpty()) {
			return md;
		}
		Map<String, String> settings = this.summary.settings();
		md.heading(heading, "gateway: the mesh gateway's 90/10 canary split against nginx and Spring Cloud Gateway");
		if (method) {
			md.paragraph(method(settings));
		}
		md.append(goals());
		md.append(targets(settings));
		md.append(saturation());
		if (!this.summary.open().isEmpty()) {
			md.append(latency(settings));
		}
		if (!this.summary.splits().isEmpty()) {
			md.append(splits(settings));
		}
		double disturbed = 0;
		for (HopSummary.ClosedRow row : this.summary.closed()) {
			disturbed = Math.max(disturbed, row.otherSutCpu());
		}
		for (HopSummary.OpenRow row : this.summary.open()) {
			disturbed = Math.max(disturbed, row.otherSutCpu());
		}
		if (disturbed >= HopTables.DISTURBED) {
			md.paragraph(String.format("⚠ Other work took up to %s%% of the SUT CPU during a segment: every "
					+ "contender lost CPU to it, the JVMs' idle threads and the other contenders' idle programs "
					+ "included; compare the ratios measured in the same run rather than the absolute numbers.",
					Stats.fixed(disturbed * 100, 0)));
		}
		if (method && !this.summary.warmups().isEmpty()) {
			List<String> parts = new ArrayList<>();
			this.summary.warmups()
				.forEach((warmup) -> parts.add(String.format("%s %.0f s%s", warmup.target(), warmup.seconds(),
						warmup.converged() ? "" : " (**not steady** at the limit)")));
			md.paragraph("**Warm-up** (excluded), at 1,000 req/s until the CPU per request was steady, then wrk: "
					+ String.join(", ", parts) + ".");
		}
		return md;
	}

	private static String method(Map<String, String> settings) {
		return String.format("Two no-op nginx backends (1 worker each) return the same 1 KiB, \"v1\" and \"v2\", "
				+ "and count what they served (`stub_status`). The same backends behind every contender, every "
				+ "contender on the SUT CPU beside the others (idle unless measured), HTTP/1.1 keep-alive "
				+ "everywhere. Per repetition, interleaved (%s repetitions): each contender's maximum throughput "
				+ "with wrk (closed loop, %s connections, %s warm-up then %s; only its requests per second are "
				+ "used), then each contender at **half of nginx's median maximum of this run** with the open-loop "
				+ "generator (%s connections, %s warm-up at the rate, then %s measured; latency from each request's "
				+ "intended start). Last, %s requests through each splitting contender at %s req/s, counted by the "
				+ "backends.", settings.getOrDefault("reps", "?"), settings.getOrDefault("wrk_connections", "?"),
				settings.getOrDefault("wrk_warmup", "?"), settings.getOrDefault("duration", "?"),
				settings.getOrDefault("connections", "?"), settings.getOrDefault("warmup", "?"),
				settings.getOrDefault("duration", "?"), Stats.whole(number(settings, "split_requests")),
				Stats.whole(number(settings, "split_rate")));
	}

	private Markdown goals() {
		List<List<String>> rows = new ArrayList<>();
		for (Goals.Goal goal : this.summary.goals()) {
			String status = Goals.MISSED.equals(goal.status()) ? "**" + goal.status() + "**" : goal.status();
			rows.add(List.of(goal.goal(), goal.target(), goal.value(), status, goal.note()));
		}
		return new Markdown().table(List.of("target (issue 8)", "target", "measured", "status", "note"), rows);
	}

	private static Markdown targets(Map<String, String> settings) {
		List<List<String>> rows = new ArrayList<>();
		for (String target : GatewaySummary.TARGETS) {
			rows.add(List.of("**" + target + "**", settings.getOrDefault("label." + target, "?")));
		}
		return new Markdown().table(List.of("contender", "what it is"), rows);
	}

	private Markdown saturation() {
		List<List<String>> rows = new ArrayList<>();
		for (HopSummary.ClosedRow row : this.summary.closed()) {
			rows.add(List.of("**" + row.target() + "**", Stats.whole(row.median()),
					Stats.whole(row.low()) + "–" + Stats.whole(row.high()),
					Stats.fixed(this.summary.maxRatio(row.target()), 2), Stats.fixed(row.cpuPerThousand(), 0),
					Stats.whole(row.errors()), Stats.fixed(row.otherSutCpu() * 100, 0) + "% / "
							+ Stats.fixed(row.otherLoadgenCpu() * 100, 0) + "%"));
		}
		return new Markdown().paragraph("**Maximum throughput** (wrk, closed loop):")
			.table(List.of("contender", "max req/s (median)", "range of reps", "÷ nginx", "CPU-ms / 1k req", "errors",
					"other work on SUT / loadgen CPU (worst rep)"), rows);
	}

	private Markdown latency(Map<String, String> settings) {
		List<List<String>> rows = new ArrayList<>();
		for (HopSummary.OpenRow row : this.summary.open()) {
			boolean direct = GatewaySummary.DIRECT.equals(row.target());
			String achieved = Stats.whole(row.achievedRate())
					+ ((row.achievedRate() < 0.97 * row.rate()) ? " ⚠ over capacity" : "");
			rows.add(List.of("**" + row.target() + "**", Stats.millis(row.p50()), Stats.millis(row.p99()),
					Stats.millis(row.p999()), Stats.millis(row.p99Low()) + "–" + Stats.millis(row.p99High()),
					direct ? "—" : Stats.millis(this.summary.addedP50(row.target())),
					direct ? "—" : Stats.millis(this.summary.addedP99(row.target())),
					direct ? "—" : Stats.fixed(this.summary.p99Ratio(row.target()), 2), achieved,
					Stats.whole(row.errors()), Stats.fixed(row.cpuPerThousand(), 0),
					Stats.fixed(row.otherSutCpu() * 100, 0) + "%"));
		}
		return new Markdown()
			.paragraph(String.format("**Latency at %s req/s** (open loop; half of nginx's maximum in this run):",
					Stats.whole(number(settings, "rate"))))
			.table(List.of("contender", "p50 ms", "p99 ms", "p99.9 ms", "p99 range of reps", "added p50 ms",
					"added p99 ms", "added p99 ÷ nginx's", "req/s achieved", "errors", "CPU-ms / 1k req",
					"other work on SUT CPU (worst rep)"), rows);
	}

	private Markdown splits(Map<String, String> settings) {
		List<List<String>> rows = new ArrayList<>();
		for (GatewaySummary.Split split : this.summary.splits()) {
			rows.add(List.of("**" + split.target() + "**", Stats.whole(split.requests()), Stats.whole(split.errors()),
					Stats.whole(split.v1()), Stats.whole(split.v2()), Stats.fixed(split.v2Percent(), 3) + "%",
					Stats.fixed(split.errorPoints(), 3),
					(split.v1() + split.v2() == split.requests()) ? "yes" : "**no**"));
		}
		return new Markdown()
			.paragraph(String.format("**Split** (weights 90/10; %s requests at %s req/s):",
					Stats.whole(number(settings, "split_requests")), Stats.whole(number(settings, "split_rate"))))
			.table(List.of("contender", "requests", "errors", "served by v1", "served by v2", "v2's share",
					"error (points)", "backends' count = requests"), rows);
	}

	List<String> charts(Path directory) {
		List<Charts.Series> series = new ArrayList<>();
		for (HopSummary.OpenRow row : this.summary.open()) {
			series.add(new Charts.Series(row.target(), this.summary.hop().histogram(row.target(), row.rate()),
					series.size()));
		}
		if (series.isEmpty()) {
			return List.of();
		}
		Charts.percentiles(directory.resolve("gateway-latency.png"),
				"gateway: latency by percentile at half of nginx's maximum (open loop, repetitions merged)", series);
		List<Charts.Bar> bars = new ArrayList<>();
		for (HopSummary.ClosedRow row : this.summary.closed()) {
			bars.add(new Charts.Bar(row.target(), row.median(), row.low(), row.high(), bars.size()));
		}
		Charts.bars(directory.resolve("gateway-throughput.png"),
				"gateway: maximum throughput (wrk, closed loop; whiskers: range of repetitions)", "requests per second",
				bars);
		return List.of("gateway-latency.png", "gateway-throughput.png");
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (!isEmpty()) {
			Map<String, Object> gateway = new LinkedHashMap<>();
			gateway.put("goals", this.summary.goals());
			gateway.put("saturation", this.summary.closed());
			gateway.put("latency", this.summary.open());
			gateway.put("splits", this.summary.splits());
			json.put("gateway", gateway);
		}
		return json;
	}

	private static double number(Map<String, String> settings, String name) {
		try {
			return Double.parseDouble(settings.getOrDefault(name, "NaN"));
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
