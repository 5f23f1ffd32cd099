package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The propagation suite's part of the report: targets, latency, resources and the nginx
 * reload it is compared with.
 */
final class PropagationTables {

	private final PropagationSummary summary;

	private final Map<String, String> settings;

	PropagationTables(PropagationSummary summary, Map<String, String> settings) {
		this.summary = summary;
		this.settings = settings;
	}

	/**
	 * Return every table of the suite.
	 * @param heading the heading level of the suite's title
	 * @param method whether to add the paragraphs that say how it was measured
	 * @return the markdown
	 */
	Markdown section(int heading, boolean method) {
		Markdown md = new Markdown();
		md.heading(heading, "propagation: a policy write until N subscribers acknowledged it");
		if (method) {
			md.paragraph(method());
		}
		if (!this.summary.rows().isEmpty()) {
			md.append(targets()).append(latency());
			md.heading(heading + 1, "What propagation costs").append(resources());
		}
		if (this.summary.reloads() != null) {
			md.heading(heading + 1, "`nginx -s reload` applying a new split (for comparison)");
			if (method) {
				md.paragraph(reloadMethod());
			}
			md.append(reload());
		}
		return md;
	}

	private String method() {
		return String.format("A control service on the SUT CPU, with its own data directory, holds N watch streams of "
				+ "lightweight subscribers (the load generator's propagation driver, one NIO thread on the load "
				+ "generator's CPU): real `GET /v1/watch/policy` streams with the workload token, each answering "
				+ "every snapshot with the starter's own ACK (`POST /v1/policy/acks`) on its own keep-alive "
				+ "connection, without binding it. %s apps with the starter (the bench backend) watch the same "
				+ "policy throughout. Each write replaces a `ServicePolicy` whose route weights alternate "
				+ "90/10 ↔ 80/20, a change every workload receives; t0 is the arrival of the write's 2xx at the "
				+ "driver. Each subscriber's time is t0 to the 2xx of its ACK; \"all N\" is t0 to the last of "
				+ "them. The next write waits until all N acknowledged, `/v1/status` was read, and %s more "
				+ "passed, so that writes are never coalesced. Per N and repetition, a fresh driver: %s excluded "
				+ "warm-up writes, then %s measured ones; %s repetitions, interleaved N = 50, N = 1,000, nginx "
				+ "reloads; before the first, %s excluded writes to 1,000 subscribers. Histograms are added "
				+ "across writes and repetitions and read once; with a few dozen writes, the p99 of \"all N\" "
				+ "is their maximum. The apps' times come from `lastAck` in `/v1/status` (when the control "
				+ "service received their ACK).", this.settings.getOrDefault("real_apps", "?"),
				this.settings.getOrDefault("gap", "?"), this.settings.getOrDefault("warmup_writes", "?"),
				this.settings.getOrDefault("writes", "?"), this.settings.getOrDefault("reps", "?"),
				this.settings.getOrDefault("initial_warmup_writes", "?"));
	}

	private String reloadMethod() {
		return "nginx (1 worker, on the SUT CPU) splits requests between two no-op backends (another nginx) by "
				+ "upstream weights; every response names the configuration's generation and the backend. For "
				+ "each reload the configuration is rewritten with the next generation and the other split "
				+ "(90/10 ↔ 80/20) and checked with `nginx -t` (not timed); then, while a probe on the load "
				+ "generator's CPU requests nginx every millisecond from two keep-alive connections, "
				+ "`nginx -s reload` is issued. \"New split serves every request\": until the first request from "
				+ "which on every response came from the new generation; \"old workers gone\": until every worker "
				+ "of the old configuration exited; \"applied\": the later of the two.";
	}

	private Markdown targets() {
		List<List<String>> rows = new ArrayList<>();
		for (PropagationSummary.Row row : this.summary.rows()) {
			String status = (Goals.MISSED.equals(row.status())) ? "**MISSED**" : row.status();
			String note = (row.incompleteWrites() > 0)
					? row.incompleteWrites() + " of " + row.writes() + " writes did not reach every subscriber"
					: "all " + row.writes() + " writes reached all N and showed SYNCED";
			rows.add(List.of(Stats.whole(row.subscribers()), "p99 ≤ " + Stats.whole(row.target()) + " ms",
					Stats.millis(row.allP99()) + " ms", status, note));
		}
		return new Markdown().table(List.of("N", "target: all N acknowledged", "measured", "status", "note"), rows);
	}

	private Markdown latency() {
		List<List<String>> rows = new ArrayList<>();
		for (PropagationSummary.Row row : this.summary.rows()) {
			rows.add(List.of(Stats.whole(row.subscribers()), Integer.toString(row.writes()), Stats.millis(row.ackP50()),
					Stats.millis(row.ackP90()), Stats.millis(row.ackP99()), Stats.millis(row.ackP999()),
					Stats.millis(row.ackMax()), Stats.millis(row.allP50()), Stats.millis(row.allP99()),
					Stats.millis(row.receiveP50()) + " / " + Stats.millis(row.receiveP99()),
					Stats.millis(row.writeMillis()), realApps(row), row.syncedWrites() + " / " + row.writes(),
					(row.failures() == 0) ? "0" : row.failures() + " ⚠"));
		}
		return new Markdown().table(List.of("N", "writes", "per subscriber p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
				"max ms", "all N p50 ms", "all N p99 (max) ms", "received p50 / p99 ms", "write's own 2xx ms (median)",
				"apps with the starter p50 / max ms", "writes all SYNCED in /v1/status", "failures"), rows);
	}

	private Markdown resources() {
		List<List<String>> rows = new ArrayList<>();
		for (PropagationSummary.Row row : this.summary.rows()) {
			rows.add(List.of(Stats.whole(row.subscribers()), Stats.fixed(row.controlCpuPerWrite(), 0),
					Stats.megabytes(row.heapIdleKb()) + " → " + Stats.megabytes(row.heapKb()),
					Stats.megabytes(row.pssKb()) + " / " + Stats.megabytes(row.rssKb()),
					Stats.fixed(row.appsCpuPerWrite(), 0),
					Stats.fixed(row.driverCpuPerWrite(), 0) + " (" + Stats.fixed(row.driverBusy() * 100, 0) + "%)",
					Stats.megabytes(row.driverRssKb()), Stats.fixed(row.openSeconds(), 1),
					Stats.fixed(row.otherSut() * 100, 0) + "% / " + Stats.fixed(row.otherLoadgen() * 100, 0)
							+ "% (worst " + HopTables.interference(row.otherSutWorst(), row.otherLoadgenWorst())
							+ ")"));
		}
		Markdown md = new Markdown();
		md.table(List.of("N", "control service CPU-ms per write", "control heap after GC MB: idle → with N",
				"control PSS / RSS MB", "the 2 apps' CPU-ms per write", "driver CPU-ms per write (share of its CPU)",
				"driver RSS MB", "open N streams + first ACKs, s",
				"other work on SUT / driver CPU while writes propagated (worst repetition)"), rows);
		md.paragraph("CPU per write covers the write itself, the pushes and every acknowledgement, from just "
				+ "before the write to the last ACK (`/proc/<pid>/stat`). Heap after a full GC (`jcmd GC.run`, then "
				+ "`jstat -gc`), medians of the repetitions: before the block's streams were opened, and after its "
				+ "writes with the N streams open. The driver's share of its CPU while writes propagate says "
				+ "whether the driver could have held the measurement back: well below 100%, it did not.");
		return md;
	}

	private Markdown reload() {
		PropagationSummary.Reloads reloads = this.summary.reloads();
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("applied (new split serves every request, old workers gone)",
				Stats.millis(reloads.appliedP50()), Stats.millis(reloads.appliedP99()),
				Stats.millis(reloads.appliedMax())));
		rows.add(List.of("new split serves every new request", Stats.millis(reloads.newConfigP50()),
				Stats.millis(reloads.newConfigP99()), Stats.millis(reloads.newConfigMax())));
		rows.add(List.of("old workers gone", Stats.millis(reloads.workersP50()), Stats.millis(reloads.workersP99()),
				Stats.millis(reloads.workersMax())));
		rows.add(List.of("`nginx -s reload` returned", Stats.millis(reloads.commandP50()),
				Stats.millis(reloads.commandP99()), "—"));
		Markdown md = new Markdown();
		md.table(List.of(reloads.count() + " reloads", "p50 ms", "p99 ms", "max ms"), rows);
		md.paragraph(String.format(
				"Probe requests during the reloads: %,d, of which %d failed. The new split showed: the second "
						+ "backend's observed share was within %s percentage points of its weight in every reload. "
						+ "nginx CPU per reload (master, workers old and new, backends; median): %s ms. Other work on "
						+ "SUT / probe CPU (worst reload): %s.",
				reloads.requests(), reloads.failures(), Stats.fixed(reloads.worstSplitError(), 1),
				Stats.fixed(reloads.nginxCpuMillis(), 0),
				HopTables.interference(reloads.otherSutWorst(), reloads.otherLoadgenWorst())));
		return md;
	}

	private static String realApps(PropagationSummary.Row row) {
		if (row.realApps() == 0) {
			return "—";
		}
		String text = Stats.millis(row.realAppP50()) + " / " + Stats.millis(row.realAppMax());
		return (row.realAppMissing() > 0) ? text + " (" + row.realAppMissing() + " missing ⚠)" : text;
	}

}
