package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The failover suite's part of the report: failed requests per repetition, until when
 * after the kill, and by kind.
 */
final class FailoverTables {

	/**
	 * From this share of one CPU used by the path and other work together, the SUT CPU
	 * counts as saturated.
	 */
	static final double SATURATED = 0.9;

	private final FailoverSummary summary;

	private final Map<String, String> settings;

	FailoverTables(FailoverSummary summary, Map<String, String> settings) {
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
		md.heading(heading, "failover: one of two instances killed with `kill -9`");
		if (method) {
			md.paragraph(method());
		}
		md.paragraph(overview());
		md.append(repetitions()).append(kinds());
		return md;
	}

	private String method() {
		return String.format("A caller with the starter calls a destination of two instances (the bench backend "
				+ "with the starter, registered with the control service as `%s`) once per request, with the "
				+ "defaults: round robin, outlier detection (5 failures in a row eject an instance for 30 s, at "
				+ "most 50%% of the instances but always one of two), no retries (issue 6), the control "
				+ "service's registry lease of 15 s. The open-loop generator drives it at **%s req/s** over %s "
				+ "keep-alive connections: %s warm-up (excluded), then a %s segment during which, %s in, one "
				+ "instance gets `SIGKILL` (what `kill -9` sends, from the generator, which knows the moment to "
				+ "the microsecond). Every request that did not succeed is kept with its time and kind: the "
				+ "status the caller answered and, for a failed backend call, the failure it names in "
				+ "`X-Bench-Error` (the bench caller answers 502 and names the exception). Each repetition "
				+ "starts a fresh second instance and waits until the caller sends it requests. %s "
				+ "repetitions; before the first, the caller was warmed up at 1,000 req/s until its CPU per "
				+ "request was steady.", this.settings.getOrDefault("service", "?"),
				this.settings.getOrDefault("rate", "?"), this.settings.getOrDefault("connections", "?"),
				this.settings.getOrDefault("warmup", "?"), this.settings.getOrDefault("duration", "?"),
				this.settings.getOrDefault("kill_after", "?"), this.settings.getOrDefault("reps", "?"));
	}

	private String overview() {
		List<FailoverSummary.Row> rows = this.summary.rows();
		long unanswered = rows.stream().mapToLong(FailoverSummary.Row::timeouts).sum();
		String timed = (unanswered > 0) ? " (" + Stats.whole(unanswered)
				+ " requests were never answered: they have no time and are not part of it ⚠)" : "";
		return String.format(
				"**%d repetitions at %s req/s: %s of %s requests failed** (per repetition: median %s, "
						+ "at most %s); requests stopped failing a median %s ms after the kill (at most %s ms)%s%s. No "
						+ "target yet: this is the number the resilience issue (retries) is to bring to 0.",
				rows.size(), Stats.whole(rows.get(0).rate()), Stats.whole(this.summary.failed()),
				Stats.whole(this.summary.scheduled()),
				Stats.whole(Stats.median(rows.stream().map(FailoverSummary.Row::failed).toList())),
				Stats.whole(Stats.max(rows.stream().map(FailoverSummary.Row::failed).toList())),
				Stats.millis(this.summary.medianErrorsStop()), Stats.millis(this.summary.maxErrorsStop()), timed,
				(this.summary.allKilled()) ? "" : "; **in some repetitions the instance could not be killed** ⚠");
	}

	private Markdown repetitions() {
		List<List<String>> rows = new ArrayList<>();
		for (FailoverSummary.Row row : this.summary.rows()) {
			rows.add(List.of(Integer.toString(row.rep()), (row.killed()) ? "yes" : "**no** ⚠",
					Stats.whole(row.scheduled()),
					Stats.whole(row.failed()) + ((row.timeouts() > 0) ? " (" + row.timeouts() + " unanswered)" : ""),
					Stats.whole(row.failedBeforeKill()),
					Stats.millis(row.firstErrorMillis()) + " / " + Stats.millis(row.lastErrorMillis()),
					signed(row.earliestIntendedMillis()), Stats.millis(row.p99()), Stats.millis(row.p999()),
					Stats.millis(row.max()), achieved(row), Stats.fixed(row.cpuShare() * 100, 0) + "%",
					HopTables.interference(row.otherSutCpu(), row.otherLoadgenCpu())));
		}
		Markdown md = new Markdown();
		md.table(
				List.of("rep", "killed", "requests", "failed", "of which before the kill",
						"first / last failure, ms after the kill",
						"earliest failed request scheduled at, ms after the kill", "p99 ms", "p99.9 ms", "max ms",
						"req/s achieved", "CPU of caller, other backend, control", "other work on SUT / loadgen CPU"),
				rows);
		double busiest = this.summary.rows()
			.stream()
			.mapToDouble((row) -> row.cpuShare() + row.otherSutCpu())
			.max()
			.orElse(0);
		if (busiest >= SATURATED) {
			md.paragraph(String.format("⚠ In at least one repetition the system under test and other work kept "
					+ "%s%% of one CPU busy: at this rate the SUT CPU is saturated on this machine, requests "
					+ "queue (see p99), and queued requests are the ones that pick the dead instance before it is "
					+ "ejected. On a machine with room to spare, fewer would fail.", Stats.fixed(busiest * 100, 0)));
		}
		md.paragraph("Times are the generator's, relative to the moment it sent `SIGKILL`: a failure is \"seen\" when "
				+ "its response arrives. A failed request scheduled well before the kill had been waiting (in the "
				+ "generator's backlog or the caller's queue) while the instance was still alive, and picked it "
				+ "after it died: the more requests wait, the more pick the dead instance before outlier detection "
				+ "has counted its 5 failures.");
		return md;
	}

	private static String signed(double millis) {
		if (Double.isNaN(millis) || millis >= 0) {
			return Stats.millis(millis);
		}
		return "−" + Stats.millis(-millis);
	}

	private static String achieved(FailoverSummary.Row row) {
		String achieved = Stats.whole(row.achievedRate());
		return (row.achievedRate() < HopTables.OVER_CAPACITY * row.rate()) ? achieved + " ⚠ over capacity" : achieved;
	}

	private Markdown kinds() {
		List<List<String>> rows = new ArrayList<>();
		this.summary.kinds().forEach((kind, count) -> rows.add(List.of("`" + kind + "`", Stats.whole(count))));
		if (rows.isEmpty()) {
			rows.add(List.of("none", "0"));
		}
		return new Markdown().table(List.of("failed requests by kind (all repetitions)", "requests"), rows);
	}

}
