package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain suite's part of the report: its section, chart and JSON.
 */
final class ChainReport {

	private final ChainData data;

	private final ChainSummary summary;

	ChainReport(ChainData data) {
		this.data = data;
		this.summary = new ChainSummary(data.segments(), data.jmh());
	}

	boolean isEmpty() {
		return this.summary.isEmpty();
	}

	ChainSummary summary() {
		return this.summary;
	}

	Markdown section(int heading, boolean method) {
		if (isEmpty()) {
			return new Markdown();
		}
		Markdown md = new ChainTables(this.summary, this.data.settings()).section(heading, method);
		if (method && !this.data.warmups().isEmpty()) {
			List<String> parts = new ArrayList<>();
			this.data.warmups()
				.forEach((warmup) -> parts.add(String.format("%s %.0f s%s", warmup.target(), warmup.seconds(),
						warmup.converged() ? "" : " (**not steady** at the limit)")));
			md.paragraph("**Warm-up** (excluded), at 1,000 req/s until the caller's CPU per request was steady: "
					+ String.join(", ", parts) + ".");
		}
		return md;
	}

	List<String> charts(Path directory) {
		List<Charts.Series> series = new ArrayList<>();
		for (HopSummary.OpenRow row : this.summary.rows()) {
			series.add(new Charts.Series(row.target(), this.summary.histogram(row), series.size()));
		}
		if (series.isEmpty()) {
			return List.of();
		}
		Charts.percentiles(directory.resolve("chain-latency.png"),
				"chain: latency by percentile, direct call vs the two chains (open loop, repetitions merged)", series);
		return List.of("chain-latency.png");
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (!isEmpty()) {
			json.put("chain", Map.of("routes", this.summary.rows(), "added", this.summary.added(), "jmhNanosPerCall",
					this.summary.jmh()));
		}
		return json;
	}

}
