package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.mesh.bench.loadgen.OpenLoopGenerator;
import dev.mesh.bench.loadgen.PhaseResult;
import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.Json;

/**
 * {@code run}: one repetition of one target. For each rate, an excluded warm-up at that
 * rate, then the measured segment on the same connections; then, when asked, wrk's
 * maximum throughput (its own warm-up, then the measured run). Writes one JSON file per
 * segment.
 */
final class RunCommand {

	private final Args args;

	RunCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String suite = this.args.get("suite", "hop");
		String target = this.args.required("target");
		int rep = this.args.intValue("rep", 1);
		URI url = URI.create(this.args.required("url"));
		Duration warmup = this.args.duration("warmup", Duration.ofSeconds(2));
		Duration duration = this.args.duration("duration", Duration.ofSeconds(5));
		Duration drain = this.args.duration("drain", Duration.ofSeconds(5));
		Path out = Path.of(this.args.required("out"));
		List<ProcessGroup> groups = ProcessGroup.parse(this.args.get("pids", ""));
		int ticks = this.args.intValue("clk-tck", 100);
		Procfs procfs = new Procfs(Path.of("/proc"), ticks);
		Segments segments = new Segments(procfs, groups, new Counters(this.args.get("counters", null)),
				cpus("sut-cpus"), cpus("loadgen-cpus"), ticks);
		try (OpenLoopGenerator generator = new OpenLoopGenerator(url, this.args.intValue("connections", 64))) {
			generator.open();
			for (double rate : this.args.doubles("rates")) {
				generator.run(rate, warmup, drain);
				Segments.Window window = segments.start();
				PhaseResult result = generator.run(rate, duration, drain);
				Segments.Measured measured = segments.stop(window);
				HopSegment segment = new HopSegment(suite, target, rep, HopSegment.OPEN, rate, measured.startedAt(),
						result.seconds(), result.completed(), result.errors(), result.timeouts(), result.retries(),
						result.maxBacklog(), result.achievedRate(), Histograms.encode(result.latency()),
						Histograms.encode(result.serviceTime()), measured.processes(), measured.counters(),
						measured.loadgenCpuMillis(), "loadgen (open loop)", measured.otherSutCpu(),
						measured.otherLoadgenCpu());
				Json.write(Segments.file(out, suite, target, rep, String.format("%05.0f", rate)), segment);
				Console.say(
						"%s rep %d at %.0f req/s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, "
								+ "errors %d, path CPU %.1f ms per 1000 requests, other work on the SUT CPU %.0f%%",
						target, rep, rate, result.latency().getValueAtPercentile(50) / 1000.0,
						result.latency().getValueAtPercentile(99) / 1000.0,
						result.latency().getValueAtPercentile(99.9) / 1000.0, result.latency().getMaxValue() / 1000.0,
						result.errors(), perThousand(segment.pathCpuMillis(), result.completed()),
						measured.otherSutCpu() * 100);
			}
		}
		if (this.args.flag("saturation")) {
			saturate(suite, target, rep, url, this.args.duration("wrk-warmup", warmup),
					this.args.duration("wrk-duration", duration), out, segments);
		}
	}

	private void saturate(String suite, String target, int rep, URI url, Duration warmup, Duration duration, Path out,
			Segments segments) {
		Wrk wrk = new Wrk(this.args.get("wrk", "wrk"), this.args.intValue("wrk-threads", 1),
				this.args.intValue("wrk-connections", 32));
		wrk.run(url, warmup);
		Segments.Window window = segments.start();
		Wrk.Result result = wrk.run(url, duration);
		Segments.Measured measured = segments.stop(window);
		HopSegment segment = new HopSegment(suite, target, rep, HopSegment.CLOSED, 0, measured.startedAt(),
				result.seconds(), result.requests(), result.errors(), 0, 0, 0, result.requestsPerSecond(), null, null,
				measured.processes(), measured.counters(), measured.loadgenCpuMillis(), "wrk (closed loop)",
				measured.otherSutCpu(), measured.otherLoadgenCpu());
		Json.write(Segments.file(out, suite, target, rep, "max"), segment);
		Console.say("%s rep %d at saturation: %.0f req/s, errors %d, path CPU %.1f ms per 1000 requests", target, rep,
				result.requestsPerSecond(), result.errors(), perThousand(segment.pathCpuMillis(), result.requests()));
	}

	private CpuSet cpus(String option) {
		String spec = this.args.get(option, null);
		return (spec != null) ? CpuSet.parse(spec) : null;
	}

	private static double perThousand(double cpuMillis, long requests) {
		return (requests > 0) ? cpuMillis * 1000 / requests : 0;
	}

}
