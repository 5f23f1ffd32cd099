package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mesh.bench.loadgen.OpenLoopGenerator;
import dev.mesh.bench.loadgen.PhaseResult;
import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.WarmupResult;

/**
 * {@code warmup}: drive a path at a fixed rate in windows until the CPU its processes
 * spend per request stops changing (the last {@value #STEADY_WINDOWS} windows within the
 * tolerance of each other, after a minimum time), so that every path is measured with its
 * JIT settled rather than after an arbitrary time; then briefly at higher rates and with
 * wrk, so that those code paths are compiled too. Nothing of it is reported except how
 * long it took.
 */
final class WarmupCommand {

	/**
	 * Number of consecutive windows whose CPU per request must agree.
	 */
	static final int STEADY_WINDOWS = 3;

	private final Args args;

	WarmupCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String target = this.args.required("target");
		URI url = URI.create(this.args.required("url"));
		double rate = this.args.doubleValue("rate", 1000);
		Duration window = this.args.duration("window", Duration.ofSeconds(5));
		Duration minimum = this.args.duration("min", Duration.ofSeconds(30));
		Duration maximum = this.args.duration("max", Duration.ofSeconds(120));
		double tolerance = this.args.doubleValue("tolerance", 0.1);
		Procfs procfs = new Procfs(Path.of("/proc"), this.args.intValue("clk-tck", 100));
		Segments segments = new Segments(procfs, ProcessGroup.parse(this.args.get("pids", "")), new Counters(null));
		List<Double> cpu = new ArrayList<>();
		double elapsed = 0;
		boolean converged = false;
		try (OpenLoopGenerator generator = new OpenLoopGenerator(url, this.args.intValue("connections", 64))) {
			generator.open();
			while (!converged && elapsed < maximum.toMillis() / 1000.0) {
				Segments.Window start = segments.start();
				PhaseResult result = generator.run(rate, window, Duration.ofSeconds(5));
				Segments.Measured measured = segments.stop(start);
				double cpuMillis = measured.processes().stream().mapToDouble((sample) -> sample.cpuMillis()).sum();
				cpu.add((result.completed() > 0) ? cpuMillis * 1000 / result.completed() : Double.NaN);
				elapsed += result.seconds();
				converged = elapsed >= minimum.toMillis() / 1000.0 && steady(cpu, tolerance);
				Console.say("warm-up of %s: %.0f s at %.0f req/s, %.0f CPU-ms per 1000 requests, p99 %.1f ms", target,
						elapsed, rate, cpu.get(cpu.size() - 1), result.latency().getValueAtPercentile(99) / 1000.0);
			}
			for (double higher : this.args.doubles("then-rates")) {
				generator.run(higher, window, Duration.ofSeconds(5));
			}
		}
		Duration wrkTime = this.args.duration("then-wrk", Duration.ZERO);
		if (!wrkTime.isZero()) {
			new Wrk(this.args.get("wrk", "wrk"), 1, this.args.intValue("wrk-connections", 32)).run(url, wrkTime);
		}
		Console.say("warm-up of %s %s after %.0f s", target, (converged) ? "steady" : "NOT steady", elapsed);
		Json.write(Path.of(this.args.required("out")).resolve("warmup-" + target + ".json"),
				new WarmupResult(target, rate, elapsed, converged, cpu));
	}

	/**
	 * Whether the CPU per request of the last {@value #STEADY_WINDOWS} windows differ by
	 * no more than the tolerance (relative to the largest).
	 * @param cpu CPU per request of every window so far
	 * @param tolerance the largest relative difference
	 * @return whether the path is steady
	 */
	static boolean steady(List<Double> cpu, double tolerance) {
		if (cpu.size() < STEADY_WINDOWS) {
			return false;
		}
		List<Double> last = cpu.subList(cpu.size() - STEADY_WINDOWS, cpu.size());
		double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		return max - min <= tolerance * max;
	}

}
