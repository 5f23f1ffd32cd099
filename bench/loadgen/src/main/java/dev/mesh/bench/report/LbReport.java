package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load-balancing suites' part of the report (lbpick, lb, failover): their summaries,
 * sections, charts and JSON.
 */
final class LbReport {

	private final LbData data;

	private final LbPickSummary picks;

	private final LbSummary tail;

	private final FailoverSummary failover;

	LbReport(LbData data) {
		this.data = data;
		this.picks = new LbPickSummary(data.picks());
		this.tail = new LbSummary(data.tail());
		this.failover = new FailoverSummary(data.failover());
	}

	LbPickSummary picks() {
		return this.picks;
	}

	LbSummary tail() {
		return this.tail;
	}

	FailoverSummary failover() {
		return this.failover;
	}

	/**
	 * Return the sections of the suites that ran.
	 * @param heading the heading level of each suite's title
	 * @param method whether to say how each was measured
	 * @return the markdown
	 */
	Markdown sections(int heading, boolean method) {
		Markdown md = new Markdown();
		if (!this.picks.isEmpty()) {
			md.append(picksSection(heading, method));
		}
		if (!this.tail.isEmpty()) {
			md.append(tailSection(heading, method));
		}
		if (!this.failover.isEmpty()) {
			md.append(failoverSection(heading, method));
		}
		return md;
	}

	Markdown picksSection(int heading, boolean method) {
		return new LbPickTables(this.picks, this.data.pickSettings()).section(heading, method);
	}

	Markdown tailSection(int heading, boolean method) {
		return new LbTables(this.tail, this.data.tailSettings()).section(heading, method);
	}

	Markdown failoverSection(int heading, boolean method) {
		return new FailoverTables(this.failover, this.data.failoverSettings()).section(heading, method);
	}

	/**
	 * Draw the suites' charts into a folder.
	 * @param directory the results folder
	 * @return the files written
	 */
	List<String> charts(Path directory) {
		List<String> files = new ArrayList<>();
		List<Charts.Bar> bars = new ArrayList<>();
		for (String algorithm : this.picks.algorithms()) {
			LbPickSummary.Row row = this.picks.row(algorithm, LbPickSummary.TARGET_INSTANCES, 1);
			if (row != null) {
				boolean error = !Double.isNaN(row.errorNanos());
				bars.add(new Charts.Bar(algorithm, row.nanos(), error ? row.nanos() - row.errorNanos() : Double.NaN,
						error ? row.nanos() + row.errorNanos() : Double.NaN, bars.size()));
			}
		}
		if (!bars.isEmpty()) {
			Charts.bars(directory.resolve("lbpick.png"),
					"lbpick: one pick and its completion at 1,000 instances, 1 thread (whiskers: 99.9% CI)",
					"nanoseconds", bars);
			files.add("lbpick.png");
		}
		List<Charts.Series> series = new ArrayList<>();
		for (LbSummary.Row row : this.tail.rows()) {
			series.add(new Charts.Series(row.algorithm(), this.tail.histogram(row), series.size()));
		}
		if (!series.isEmpty()) {
			Charts.percentiles(directory.resolve("lb-latency.png"),
					"lb: latency by percentile with one of three instances slow (open loop, repetitions merged)",
					series);
			files.add("lb-latency.png");
		}
		return files;
	}

	/**
	 * Return the suites' numbers for {@code results.json}.
	 * @return the values by suite
	 */
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (!this.picks.isEmpty()) {
			json.put("lbpick", Map.of("nanosPerPick", this.picks.rows(), "targets", this.picks.targets()));
		}
		if (!this.tail.isEmpty()) {
			json.put("lb", Map.of("algorithms", this.tail.rows(), "p99Ratio", this.tail.ratio()));
		}
		if (!this.failover.isEmpty()) {
			json.put("failover", Map.of("repetitions", this.failover.rows(), "failedByKind", this.failover.kinds()));
		}
		return json;
	}

}
