package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chain suite's part of the report: the targets, each route's latency, what each
 * chain adds over the direct call, and JMH's cost per call.
 */
final class ChainTables {

	private static final Map<String, String> LABELS = Map.of("direct",
			"a plain `RestClient` call (the host is no mesh service: the starter passes it through)", "mesh",
			"through the mesh client chain (route, deadline, retries with budget, circuit breaker, bulkhead, "
					+ "load-balancer pick, timeout alarm)",
			"resilience4j", "the direct call wrapped by Spring Cloud CircuitBreaker (resilience4j: circuit breaker, "
					+ "semaphore bulkhead, time limiter on an executor)");

	private final ChainSummary summary;

	private final Map<String, String> settings;

	ChainTables(ChainSummary summary, Map<String, String> settings) {
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
		md.heading(heading, "chain: what the resilience chain adds per call");
		if (method) {
			md.paragraph(method());
		}
		md.append(targets());
		if (!this.summary.rows().isEmpty()) {
			md.append(latency()).append(added());
		}
		double disturbed = this.summary.rows().stream().mapToDouble(HopSummary.OpenRow::otherSutCpu).max().orElse(0);
		if (disturbed >= HopTables.DISTURBED) {
			md.paragraph(String.format(
					"⚠ Other work took up to %s%% of the SUT CPU during a segment: requests also "
							+ "waited for the CPU, which moves p99 and p99.9 by far more than a few microseconds. The "
							+ "differences at the tail are the machine's as much as the chains'.",
					Stats.fixed(disturbed * 100, 0)));
		}
		md.paragraph("Latency runs from each request's intended start (open loop) through the caller and its one "
				+ "call to the backend; percentiles are read from the repetitions' histograms added together, and "
				+ "\"per repetition\" gives the smallest and largest difference of one repetition (the routes of a "
				+ "repetition ran back to back). \"Added CPU\": CPU microseconds per request of the caller and the "
				+ "backend together, minus the direct call's. A change at p99 counts as measurable when p99 was "
				+ "higher than the direct call's in every one of at least " + ChainSummary.MIN_REPS + " repetitions.");
		if (!this.summary.jmh().isEmpty()) {
			md.append(jmh());
			md.paragraph(jmhNote());
		}
		return md;
	}

	private String method() {
		return String.format("One caller JVM (`bench-apps-chain`: the bench caller with the starter and Spring "
				+ "Cloud CircuitBreaker's resilience4j integration, Spring Cloud %s) serves the same call three "
				+ "ways, one route each, to a no-op nginx returning 1 KiB over pooled keep-alive connections (the "
				+ "same JDK HTTP client for all three): **direct**, %s; **mesh**, %s; **resilience4j**, %s. Only "
				+ "one route is driven at a time; sharing the JVM, they share its JIT state and everything the "
				+ "starter adds to a request (its servlet filters and observations), so the difference between "
				+ "routes is the chain alone. Settings: %s. The open-loop generator drives one route at a time at "
				+ "**%s req/s** over %s keep-alive connections. Interleaved: each of %s repetitions runs the three "
				+ "routes in turn, each a fresh generator with a %s warm-up at the rate (excluded) and a %s measured "
				+ "segment; before the first, each route was warmed up at 1,000 req/s until the caller's CPU per "
				+ "request was steady (%s).", this.settings.getOrDefault("spring_cloud", "?"), LABELS.get("direct"),
				LABELS.get("mesh"), LABELS.get("resilience4j"), this.settings.getOrDefault("chain_settings", "?"),
				this.settings.getOrDefault("rate", "?"), this.settings.getOrDefault("connections", "?"),
				this.settings.getOrDefault("reps", "?"), this.settings.getOrDefault("warmup", "?"),
				this.settings.getOrDefault("duration", "?"), this.settings.getOrDefault("initial_warmup", "?"));
	}

	private Markdown targets() {
		List<List<String>> rows = new ArrayList<>();
		ChainSummary.Added mesh = this.summary.added(ChainSummary.MESH);
		if (mesh != null) {
			String noise = (mesh.p50Low() < 0 && mesh.p50High() > 0)
					? " (the repetitions disagree in sign: the difference is below this run's noise)" : "";
			rows.add(List.of("mesh: added latency at p50 ≤ " + Stats.fixed(ChainSummary.TARGET_P50_MICROS, 0) + " µs",
					micros(mesh.p50()) + " µs", micros(mesh.p50Low()) + " … " + micros(mesh.p50High()) + " µs",
					status(mesh.p50Status()) + noise));
			rows.add(List.of("mesh: no measurable change at p99",
					micros(mesh.p99()) + " µs (higher in " + mesh.p99Higher() + " of " + mesh.reps() + " repetitions)",
					micros(mesh.p99Low()) + " … " + micros(mesh.p99High()) + " µs",
					Goals.NOT_RUN.equals(mesh.p99Status())
							? "not judged: fewer than " + ChainSummary.MIN_REPS + " repetitions"
							: status(mesh.p99Status())));
		}
		else {
			rows.add(List.of("mesh: added latency at p50 ≤ 5 µs, no measurable change at p99", "n/a", "n/a",
					Goals.NOT_RUN));
		}
		ChainSummary.JmhRow chain = this.summary.jmh("mesh");
		ChainSummary.JmhRow direct = this.summary.jmh("direct");
		if (chain != null && direct != null) {
			double added = chain.nanos() - direct.nanos();
			rows.add(List.of("the mesh chain's own cost per call (JMH) ≤ 5 µs", Stats.whole(added) + " ns",
					"fastest iteration " + Stats.whole(chain.bestNanos() - direct.nanos()) + " ns",
					status((added <= ChainSummary.TARGET_P50_MICROS * 1000) ? Goals.MET : Goals.MISSED)));
		}
		return new Markdown().table(List.of("target (issue 6)", "measured", "per repetition", "status"), rows);
	}

	private Markdown latency() {
		List<List<String>> rows = new ArrayList<>();
		for (HopSummary.OpenRow row : this.summary.rows()) {
			rows.add(List.of("**" + row.target() + "**", Stats.fixed(row.rate(), 0), Stats.millis(row.p50()),
					Stats.millis(row.p90()), Stats.millis(row.p99()), Stats.millis(row.p999()), Stats.millis(row.max()),
					Stats.millis(row.p99Low()) + "–" + Stats.millis(row.p99High()), HopTables.achieved(row),
					HopTables.errors(row.errors(), row.requests()), Stats.fixed(row.cpuPerThousand(), 0),
					HopTables.interference(row.otherSutCpu(), row.otherLoadgenCpu())));
		}
		return new Markdown().table(
				List.of("route", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "p99 range of reps",
						"req/s achieved", "errors", "CPU-ms / 1k req", "other work on SUT / loadgen CPU (worst rep)"),
				rows);
	}

	private Markdown added() {
		List<List<String>> rows = new ArrayList<>();
		for (ChainSummary.Added added : this.summary.added()) {
			rows.add(List.of("**" + added.route() + "** − direct", micros(added.p50()),
					micros(added.p50Low()) + " … " + micros(added.p50High()), micros(added.p99()),
					micros(added.p99Low()) + " … " + micros(added.p99High()), micros(added.p999()),
					micros(added.cpuMicros())));
		}
		return new Markdown().table(List.of("added over the direct call", "p50 µs", "p50 per repetition", "p99 µs",
				"p99 per repetition", "p99.9 µs", "added CPU µs / request"), rows);
	}

	private Markdown jmh() {
		List<List<String>> rows = new ArrayList<>();
		ChainSummary.JmhRow direct = this.summary.jmh("direct");
		for (ChainSummary.JmhRow row : this.summary.jmh()) {
			String value = nanos(row.nanos()) + (Double.isNaN(row.errorNanos()) ? "" : " ± " + nanos(row.errorNanos()));
			String added = (direct != null && row != direct) ? nanos(row.nanos() - direct.nanos()) : "—";
			rows.add(List.of("`" + row.benchmark() + "`", value, nanos(row.bestNanos()), added));
		}
		return new Markdown().table(List.of("JMH benchmark (1 thread)", "ns per call (mean ± error)",
				"fastest iteration", "added over `direct`, ns"), rows);
	}

	private String jmhNote() {
		return String.format("JMH %s (`bench/jmh`, `ChainBenchmark`), 1 thread on CPU %s, %s fork, %s warm-up and %s "
				+ "measured iterations of %s, forked JVMs with `%s`. Each call returns the same 1 KiB and does nothing "
				+ "else. `mesh`: `MeshResilience.start`, the first attempt through breaker and bulkhead, its time "
				+ "limit and deadline header, the timeout alarm set and stopped, the outcome and the retry decision, "
				+ "as the starter's blocking client makes them (its route match and load-balancer pick are not "
				+ "included; the HTTP level includes them) with a %s ms timeout; `meshWithoutTimeout`: the same "
				+ "without a timeout, so without the alarm; `resilience4j`: resilience4j's circuit breaker around "
				+ "its semaphore bulkhead, decorated per call (resilience4j has no synchronous time limiter); "
				+ "`springCloud`: Spring Cloud's `Resilience4JCircuitBreakerFactory.create(id).run(call)` with a "
				+ "2 s time limiter: the call runs on the factory's executor while the calling thread waits, on the "
				+ "same CPU. The same breaker and bulkhead settings everywhere; no metrics or observations.",
				this.settings.getOrDefault("jmh", "?"), this.settings.getOrDefault("jmh_cpus", "?"),
				this.settings.getOrDefault("jmh_forks", "?"), this.settings.getOrDefault("jmh_warmup_iterations", "?"),
				this.settings.getOrDefault("jmh_iterations", "?"),
				this.settings.getOrDefault("jmh_iteration_time", "?"), this.settings.getOrDefault("jvm_flags", "?"),
				this.settings.getOrDefault("jmh_mesh_timeout_ms", "?"));
	}

	private static String status(String status) {
		return Goals.MISSED.equals(status) ? "**MISSED**" : status;
	}

	private static String micros(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		String text = Stats.fixed(value, (Math.abs(value) < 100) ? 1 : 0);
		return (value > 0) ? "+" + text : text;
	}

	private static String nanos(double value) {
		return Stats.fixed(value, (Math.abs(value) < 100) ? 1 : 0);
	}

}
