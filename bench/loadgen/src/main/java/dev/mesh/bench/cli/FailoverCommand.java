package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.mesh.bench.loadgen.OpenLoopGenerator;
import dev.mesh.bench.loadgen.PhaseResult;
import dev.mesh.bench.loadgen.RequestError;
import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.FailedRequest;
import dev.mesh.bench.results.FailoverSegment;
import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.Json;

/**
 * {@code failover}: one repetition of the failover suite. After an excluded warm-up at
 * the rate, a measured segment during which one process (a backend instance) is killed
 * with {@code SIGKILL} at a set time, exactly as {@code kill -9} would; every request
 * that does not succeed is kept with its time relative to the kill and its kind (the
 * status and the header naming the failure). Writes one JSON file per repetition.
 */
final class FailoverCommand {

	private final Args args;

	FailoverCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String suite = this.args.get("suite", "failover");
		int rep = this.args.intValue("rep", 1);
		URI url = URI.create(this.args.required("url"));
		double rate = this.args.doubleValue("rate", 1000);
		Duration warmup = this.args.duration("warmup", Duration.ofSeconds(2));
		Duration duration = this.args.duration("duration", Duration.ofSeconds(20));
		Duration killAfter = this.args.duration("kill-after", Duration.ofSeconds(5));
		long victim = Long.parseLong(this.args.required("kill-pid"));
		if (killAfter.compareTo(duration) >= 0) {
			throw new IllegalArgumentException("--kill-after must be shorter than --duration");
		}
		ProcessHandle process = ProcessHandle.of(victim)
			.orElseThrow(() -> new IllegalArgumentException("No process " + victim + " to kill"));
		int ticks = this.args.intValue("clk-tck", 100);
		Segments segments = new Segments(new Procfs(Path.of("/proc"), ticks),
				ProcessGroup.parse(this.args.get("pids", "")), new Counters(null), cpus("sut-cpus"),
				cpus("loadgen-cpus"), ticks);
		AtomicLong killedAt = new AtomicLong();
		PhaseResult result;
		Segments.Measured measured;
		ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "failover-kill");
			thread.setDaemon(true);
			return thread;
		});
		try (OpenLoopGenerator generator = OpenLoopGenerator.keepingErrors(url, this.args.intValue("connections", 64),
				this.args.get("error-header", null))) {
			generator.open();
			generator.run(rate, warmup, Duration.ofSeconds(5));
			Segments.Window window = segments.start();
			ScheduledFuture<?> kill = killer.schedule(() -> kill(process, killedAt), killAfter.toNanos(),
					TimeUnit.NANOSECONDS);
			result = generator.run(rate, duration, Duration.ofSeconds(10));
			measured = segments.stop(window);
			awaitKill(kill);
		}
		finally {
			killer.shutdownNow();
		}
		boolean killed = killedAt.get() != 0 && gone(process);
		long kill = (killedAt.get() != 0) ? killedAt.get() : System.nanoTime();
		List<FailedRequest> failed = relativeTo(kill, result.errorLog());
		FailoverSegment segment = new FailoverSegment(suite, rep, rate, measured.startedAt(), result.seconds(),
				result.scheduled(), result.completed(), result.errors(), result.timeouts(), result.achievedRate(),
				killAfter.toMillis() / 1000.0, victim, killed, failed, Histograms.encode(result.latency()),
				measured.processes(), measured.otherSutCpu(), measured.otherLoadgenCpu());
		Json.write(Path.of(this.args.required("out")).resolve(String.format("%s-r%02d.json", suite, rep)), segment);
		Optional<FailedRequest> last = failed.stream().max((a, b) -> Double.compare(a.seenMillis(), b.seenMillis()));
		Console.say(
				"rep %d at %.0f req/s: %s pid %d after %.1f s; %d of %d requests failed (%d timed out); "
						+ "last error %s; p99 %.3f ms, max %.3f ms",
				rep, rate, (killed) ? "killed" : "could NOT kill", victim, killAfter.toMillis() / 1000.0,
				result.errors(), result.scheduled(), result.timeouts(),
				last.map((error) -> String.format("%.0f ms after the kill", error.seenMillis())).orElse("none"),
				result.latency().getValueAtPercentile(99) / 1000.0, result.latency().getMaxValue() / 1000.0);
	}

	/**
	 * Send {@code SIGKILL} (what {@code destroyForcibly} sends on Linux) and record the
	 * moment.
	 */
	private static void kill(ProcessHandle process, AtomicLong killedAt) {
		killedAt.set(System.nanoTime());
		process.destroyForcibly();
	}

	private static void awaitKill(ScheduledFuture<?> kill) throws InterruptedException {
		try {
			kill.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			Console.err.println("[loadgen] the kill did not happen: " + ex);
		}
	}

	/**
	 * Whether a process has exited: gone, or a zombie that its parent (the harness's
	 * shell) has not reaped yet.
	 */
	private static boolean gone(ProcessHandle process) {
		try {
			process.onExit().get(5, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException | TimeoutException ex) {
			return zombie(process.pid());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean zombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException | RuntimeException ex) {
			return true;
		}
	}

	/**
	 * Place every failed request relative to the kill, in the order they were seen.
	 * @param killNanos when the kill signal was sent, on the {@link System#nanoTime()}
	 * clock
	 * @param errors the requests that did not succeed
	 * @return the same requests, times in milliseconds after the kill
	 */
	static List<FailedRequest> relativeTo(long killNanos, List<RequestError> errors) {
		List<FailedRequest> failed = new ArrayList<>();
		for (RequestError error : errors) {
			failed.add(new FailedRequest((error.intendedStartNanos() - killNanos) / 1e6,
					(error.doneNanos() - killNanos) / 1e6, error.kind()));
		}
		failed.sort((a, b) -> Double.compare(a.seenMillis(), b.seenMillis()));
		return failed;
	}

	private CpuSet cpus(String option) {
		String spec = this.args.get(option, null);
		return (spec != null) ? CpuSet.parse(spec) : null;
	}

}
