package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lb suite's part of the report: the tail-latency target and each algorithm's latency
 * with one slow instance.
 */
final class LbTables {

	private final LbSummary summary;

	private final Map<String, String> settings;

	LbTables(LbSummary summary, Map<String, String> settings) {
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
		md.heading(heading, "lb: tail latency with one of three instances answering "
				+ this.settings.getOrDefault("delay", "50ms") + " late");
		if (method) {
			md.paragraph(method());
		}
		md.append(target()).append(latency());
		double disturbed = this.summary.rows()
			.stream()
			.mapToDouble((row) -> row.latency().otherSutCpu())
			.max()
			.orElse(0);
		if (disturbed >= HopTables.DISTURBED) {
			md.paragraph(String.format("⚠ Other work took up to %s%% of the SUT CPU during a segment: requests "
					+ "also waited for the CPU, so the tails measure that queueing as much as the slow instance, "
					+ "and the verdict on the target is not the balancer's alone.", Stats.fixed(disturbed * 100, 0)));
		}
		md.paragraph("\"Requests to the slow instance\": the share of the responses the three instances served "
				+ "during the measured segments that came from the slow one (each instance counts its own, "
				+ "`GET /served`, read before and after each segment). Percentiles are read from the "
				+ "repetitions' histograms added together; latency runs from each request's intended start "
				+ "(open loop). CPU counts every process of the system under test (the algorithm's caller, the "
				+ "three backends, the control service). \"Other work on SUT / loadgen CPU\": the worst "
				+ "repetition's share of each CPU used by anything else, the other two callers' idle JVMs "
				+ "included; ⚠ from 10%.");
		return md;
	}

	private String method() {
		return String.format("Three instances of one destination (the bench backend with the starter, registered "
				+ "with the control service as `%s`); one of them answers every request %s late (an "
				+ "asynchronous response: the delay holds no request thread, so the instance is slow, not "
				+ "overloaded). Three callers with the starter, identical but for "
				+ "`mesh.outbound.destinations.%s.load-balancer.algorithm` (`ROUND_ROBIN`, `LATENCY_AWARE`, "
				+ "`LEAST_REQUEST`; outlier detection on with its defaults), call it once per request. The open-loop "
				+ "generator drives one caller at a time at **%s req/s** over %s keep-alive connections: %s "
				+ "Interleaved: each of %s repetitions runs the three algorithms in turn, each a fresh generator "
				+ "with a %s warm-up at the rate (excluded) and a %s measured segment; before the first, each "
				+ "caller was warmed up at 1,000 req/s until its CPU per request was steady (%s).",
				this.settings.getOrDefault("service", "?"), this.settings.getOrDefault("delay", "?"),
				this.settings.getOrDefault("service", "?"), this.settings.getOrDefault("rate", "?"),
				this.settings.getOrDefault("connections", "?"), this.settings.getOrDefault("rate_reason", ""),
				this.settings.getOrDefault("reps", "?"), this.settings.getOrDefault("warmup", "?"),
				this.settings.getOrDefault("duration", "?"), this.settings.getOrDefault("initial_warmup", "?"));
	}

	private Markdown target() {
		LbSummary.Ratio ratio = this.summary.ratio();
		String status = (Goals.MISSED.equals(ratio.status())) ? "**MISSED**" : ratio.status();
		String range = Double.isNaN(ratio.low()) ? "n/a"
				: Stats.fixed(ratio.low(), 2) + "–" + Stats.fixed(ratio.high(), 2);
		return new Markdown().table(
				List.of("target", "measured (all repetitions merged)", "range of the repetitions", "status"),
				List.of(List.of("p99 of LATENCY_AWARE ÷ p99 of ROUND_ROBIN ≤ " + Stats.fixed(LbSummary.TARGET_RATIO, 1),
						Stats.fixed(ratio.value(), 2), range, status)));
	}

	private Markdown latency() {
		List<List<String>> rows = new ArrayList<>();
		for (LbSummary.Row row : this.summary.rows()) {
			HopSummary.OpenRow latency = row.latency();
			rows.add(List.of("**" + row.algorithm() + "**", Stats.millis(latency.p50()), Stats.millis(latency.p90()),
					Stats.millis(latency.p99()), Stats.millis(latency.p999()), Stats.millis(latency.max()),
					Stats.millis(latency.p99Low()) + "–" + Stats.millis(latency.p99High()),
					share(row.slowShare()) + " (" + Stats.whole(row.slowRequests()) + " of "
							+ Stats.whole(row.servedRequests()) + ")",
					HopTables.achieved(latency), HopTables.errors(latency.errors(), latency.requests()),
					Stats.fixed(latency.cpuPerThousand(), 0),
					HopTables.interference(latency.otherSutCpu(), latency.otherLoadgenCpu())));
		}
		return new Markdown().table(List.of("algorithm", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
				"p99 range of reps", "requests to the slow instance", "req/s achieved", "errors", "CPU-ms / 1k req",
				"other work on SUT / loadgen CPU (worst rep)"), rows);
	}

	private static String share(double share) {
		if (Double.isNaN(share)) {
			return "n/a";
		}
		return Stats.fixed(share * 100, (share < 0.01) ? 2 : 1) + "%";
	}

}
