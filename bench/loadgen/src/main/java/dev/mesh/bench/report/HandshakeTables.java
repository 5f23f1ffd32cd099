package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handshake suite's part of the report: the JDK servers' full mTLS handshakes per
 * core over nginx's, and every server's numbers.
 */
final class HandshakeTables {

	private final HandshakeSummary summary;

	private final Map<String, String> settings;

	HandshakeTables(HandshakeSummary summary, Map<String, String> settings) {
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
		md.heading(heading, "handshake: full mTLS handshakes per second per core, JDK vs nginx");
		if (method) {
			md.paragraph(method());
		}
		md.append(ratios()).append(servers());
		String warmups = warmups();
		if (!warmups.isEmpty()) {
			md.paragraph("**Warm-up** (excluded), 5 s segments until the server's handshakes per CPU-second were "
					+ "steady (three in a row within 10% of their mean): " + warmups + ".");
		}
		md.paragraph("\"Per server CPU-second\": the full handshakes the clients completed (each followed by one "
				+ "request, answered) over the CPU time the server's processes used meanwhile (`/proc/<pid>/stat`, "
				+ "every thread: for a JVM, the garbage collector and the JIT compilers too), i.e. the rate one "
				+ "core sustains; all repetitions together, the range of the repetitions after it. The clients "
				+ "(`openssl s_time`, on the other CPU) cannot keep one server core busy, so the rate achieved per "
				+ "wall-clock second is the clients' limit, not the server's. \"Server's own count\": the handshakes "
				+ "the server recorded (JFR's `jdk.TLSHandshake` event), which must equal the clients' count. "
				+ "\"Other work\": the share of each CPU used by processes outside the server and the clients in the "
				+ "worst repetition, ⚠ from 10%: it competes with the server for the core and its caches, so on a "
				+ "busy machine every server's rate per CPU-second is lower than on a quiet one.");
		return md;
	}

	private String method() {
		return String.format("Servers on CPU %s, clients on CPU %s. Every server requires a client certificate and "
				+ "serves the same 1 KiB; every one uses the same CA, an ECDSA P-256 server certificate (DNS name and "
				+ "SPIFFE ID) and client certificate. %s clients at once, each `openssl s_time -new -www %s` with the "
				+ "client certificate (a new session for every connection: every handshake is a full one; after it, "
				+ "one HTTP/1.0 request read until the server closes, so that the server has verified the client "
				+ "certificate and answered), for %s per segment; TLS 1.3 with `TLS_AES_128_GCM_SHA256` and TLS 1.2 "
				+ "with `ECDHE-ECDSA-AES128-GCM-SHA256`. Each server and protocol was first warmed up (%s; excluded: "
				+ "a JVM's rate keeps rising while the JIT compiles the handshake); then %s interleaved repetitions of "
				+ "every server and protocol in turn.", this.settings.getOrDefault("sut_cpus", "?"),
				this.settings.getOrDefault("loadgen_cpus", "?"), this.settings.getOrDefault("clients", "?"),
				this.settings.getOrDefault("path", "?"), this.settings.getOrDefault("duration", "?"),
				this.settings.getOrDefault("warmup", "?"), this.settings.getOrDefault("reps", "?"));
	}

	private String warmups() {
		List<String> parts = new ArrayList<>();
		this.settings.forEach((key, value) -> {
			if (key.startsWith("warmup.")) {
				String what = key.substring("warmup.".length()).replace('.', ' ').replace("TLSv1 ", "TLSv1.");
				int details = value.indexOf(" (");
				parts.add(what + " " + ((details > 0) ? value.substring(0, details) : value));
			}
		});
		return String.join("; ", parts);
	}

	private Markdown ratios() {
		List<List<String>> rows = new ArrayList<>();
		for (HandshakeSummary.Ratio ratio : this.summary.ratios()) {
			rows.add(List.of("**" + ratio.target() + "** ÷ nginx", ratio.protocol(), Stats.fixed(ratio.value(), 2),
					Stats.fixed(ratio.low(), 2) + "–" + Stats.fixed(ratio.high(), 2)));
		}
		if (rows.isEmpty()) {
			rows.add(List.of("n/a: nginx or the JDK servers were not measured", "", "", ""));
		}
		return new Markdown().table(List.of("full mTLS handshakes per server CPU-second (issue 7)", "protocol",
				"ratio (all repetitions)", "range of the repetitions"), rows);
	}

	private Markdown servers() {
		List<List<String>> rows = new ArrayList<>();
		for (HandshakeSummary.Row row : this.summary.rows()) {
			String negotiated = this.settings.getOrDefault("negotiated." + row.target() + "." + row.protocol(), "?");
			String label = this.settings.getOrDefault("label." + row.target(), "");
			rows.add(List.of("**" + row.target() + "** " + label, row.protocol(), Stats.whole(row.perCpuSecond()),
					Stats.whole(row.low()) + "–" + Stats.whole(row.high()), Stats.whole(row.serverCpuMicros()),
					Stats.whole(row.wallRate()), Stats.whole(row.clientCpuMicros()), Stats.whole(row.handshakes()),
					counted(row), Long.toString(row.bytes()),
					HopTables.interference(row.otherSutCpu(), row.otherLoadgenCpu()), negotiated));
		}
		return new Markdown().table(List.of("server", "protocol", "handshakes per server CPU-second", "range of reps",
				"server CPU µs / handshake", "handshakes/s achieved (clients' limit)", "client CPU µs / handshake",
				"handshakes", "server's own count", "bytes read / connection",
				"other work on server / client CPU (worst rep)", "negotiated"), rows);
	}

	private static String counted(HandshakeSummary.Row row) {
		if (row.serverCounted() == null) {
			return "—";
		}
		String count = Stats.whole(row.serverCounted());
		return (row.serverCounted() == row.handshakes()) ? count + " (equal)" : count + " ⚠ differs";
	}

}
