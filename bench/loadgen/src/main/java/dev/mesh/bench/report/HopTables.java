package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The hop suite's tables.
 */
final class HopTables {

	private static final String NOT_MEASURED = "—";

	/**
	 * Below this share of the scheduled rate, a segment is reported as over capacity.
	 */
	static final double OVER_CAPACITY = 0.97;

	/**
	 * From this share of a CPU used by other work, a repetition is flagged as disturbed.
	 */
	static final double DISTURBED = 0.10;

	private final RunData data;

	private final HopSummary hop;

	HopTables(RunData data, HopSummary hop) {
		this.data = data;
		this.hop = hop;
	}

	Markdown atRate(double rate) {
		List<List<String>> rows = new ArrayList<>();
		for (PathInfo path : this.data.paths()) {
			HopSummary.OpenRow row = this.hop.open(path.id(), rate);
			if (row == null) {
				rows.add(unmeasured(path, 13));
				continue;
			}
			rows.add(List.of(label(path), Stats.millis(row.p50()), Stats.millis(row.p90()), Stats.millis(row.p99()),
					Stats.millis(row.p999()), Stats.millis(row.max()),
					Stats.millis(row.p99Low()) + "–" + Stats.millis(row.p99High()), achieved(row),
					errors(row.errors(), row.requests()), Stats.fixed(row.cpuPerThousand(), 0),
					Stats.megabytes(row.pssKb()), handshakes(path, row),
					interference(row.otherSutCpu(), row.otherLoadgenCpu())));
		}
		return new Markdown().table(List.of("path", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
				"p99 range of reps", "req/s achieved", "errors", "CPU-ms / 1k req", "PSS MB (all processes)",
				"new TLS handshakes / 10k req", "other work on SUT / loadgen CPU (worst rep)"), rows);
	}

	Markdown addedOverP0() {
		List<List<String>> rows = new ArrayList<>();
		for (PathInfo path : this.data.paths()) {
			if ("P0".equals(path.id()) || "floor".equals(path.id()) || !path.measured()) {
				continue;
			}
			for (double rate : this.hop.rates()) {
				HopSummary.OpenRow base = this.hop.open("P0", rate);
				HopSummary.OpenRow row = this.hop.open(path.id(), rate);
				if (base == null || row == null) {
					continue;
				}
				rows.add(List.of(path.id(), Stats.whole(rate), Stats.millis(row.p50() - base.p50()),
						Stats.millis(row.p99() - base.p99()), Stats.millis(row.p999() - base.p999()),
						Stats.fixed(row.cpuPerThousand() - base.cpuPerThousand(), 0),
						Stats.megabytes(row.pssKb() - base.pssKb())));
			}
		}
		return new Markdown().table(List.of("path", "req/s", "added p50 ms", "added p99 ms", "added p99.9 ms",
				"added CPU-ms / 1k req", "added PSS MB"), rows);
	}

	Markdown saturation() {
		List<List<String>> rows = new ArrayList<>();
		for (PathInfo path : this.data.paths()) {
			if ("floor".equals(path.id())) {
				continue;
			}
			HopSummary.ClosedRow row = this.hop.closed(path.id());
			if (row == null) {
				rows.add(unmeasured(path, 6));
				continue;
			}
			rows.add(List.of(label(path), Stats.whole(row.median()),
					Stats.whole(row.low()) + "–" + Stats.whole(row.high()), Stats.fixed(row.cpuPerThousand(), 0),
					errors(row.errors(), 0), interference(row.otherSutCpu(), row.otherLoadgenCpu())));
		}
		return new Markdown().table(List.of("path", "max req/s (median)", "range of reps", "CPU-ms / 1k req at max",
				"errors", "other work on SUT / loadgen CPU (worst rep)"), rows);
	}

	Markdown processes(double rate) {
		List<List<String>> rows = new ArrayList<>();
		for (PathInfo path : this.data.paths()) {
			HopSummary.OpenRow row = this.hop.open(path.id(), rate);
			if (row == null) {
				continue;
			}
			for (HopSummary.ProcessMemory process : row.processes()) {
				rows.add(List.of(path.id(), process.name(), Stats.megabytes(process.rssKb()),
						Stats.megabytes(process.pssKb()), Stats.fixed(process.cpuPerThousand(), 0)));
			}
			rows.add(List.of(path.id(), "**all**",
					Stats.megabytes(row.processes().stream().mapToDouble(HopSummary.ProcessMemory::rssKb).sum()),
					Stats.megabytes(row.pssKb()), Stats.fixed(row.cpuPerThousand(), 0)));
		}
		return new Markdown().table(List.of("path", "process", "RSS MB", "PSS MB", "CPU-ms / 1k req"), rows);
	}

	private static List<String> unmeasured(PathInfo path, int columns) {
		List<String> row = new ArrayList<>();
		row.add(label(path));
		String why = (path.measured()) ? "not run at this rate" : path.note();
		row.add(why);
		while (row.size() < columns) {
			row.add(NOT_MEASURED);
		}
		return row;
	}

	private static String label(PathInfo path) {
		return "**" + path.id() + "** " + path.label();
	}

	/**
	 * The achieved rate, flagged when the path could not keep up with the schedule: its
	 * latencies are then mostly queueing, and the segment is past the path's capacity.
	 */
	static String achieved(HopSummary.OpenRow row) {
		String achieved = Stats.whole(row.achievedRate());
		return (row.achievedRate() < OVER_CAPACITY * row.rate()) ? achieved + " ⚠ over capacity" : achieved;
	}

	/**
	 * The share of the two CPUs that work outside the measured path took during the worst
	 * repetition, flagged from {@value #DISTURBED} up: such a repetition's tail latency
	 * says more about the machine than about the path.
	 */
	static String interference(double sut, double loadgen) {
		String text = Stats.fixed(sut * 100, 0) + "% / " + Stats.fixed(loadgen * 100, 0) + "%";
		return (Math.max(sut, loadgen) >= DISTURBED) ? text + " ⚠" : text;
	}

	static String errors(long errors, long requests) {
		if (errors == 0) {
			return "0";
		}
		return (requests > 0) ? errors + " (" + Stats.fixed(errors * 100.0 / requests, 2) + "%) ⚠" : errors + " ⚠";
	}

	private static String handshakes(PathInfo path, HopSummary.OpenRow row) {
		if (row.handshakesPer10k() == null) {
			return (path.label().contains("mTLS")) ? "n/a (not counted)" : "n/a (no TLS)";
		}
		String full = (row.fullHandshakesPer10k() != null)
				? " (" + Stats.fixed(row.fullHandshakesPer10k(), 2) + " full)" : "";
		return Stats.fixed(row.handshakesPer10k(), 2) + full;
	}

}
