package dev.mesh.bench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.propagation.ReloadProbe;
import dev.mesh.bench.propagation.ReloadTimeline;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.ReloadSample;

/**
 * {@code reload}: how long {@code nginx -s reload} takes to apply a new upstream split.
 * For each reload: the configuration is rewritten from a template with the next
 * generation and the other split (90/10 and 80/20 in turn) and checked with
 * {@code nginx -t}; then, while a probe requests nginx without pause, the reload is
 * issued and timed until every new request is served by the new configuration and the old
 * workers have exited.
 */
final class ReloadCommand {

	private static final Duration SETTLE = Duration.ofMillis(300);

	private static final Duration TAIL = Duration.ofMillis(150);

	private static final int MIN_NEW_RESPONSES = 100;

	private final Args args;

	private final Procfs procfs;

	private final long ticks;

	ReloadCommand(Args args) {
		this.args = args;
		this.ticks = args.intValue("clk-tck", 100);
		this.procfs = new Procfs(Path.of("/proc"), this.ticks);
	}

	void run() throws IOException, InterruptedException {
		URI url = URI.create(this.args.required("url"));
		Path template = Path.of(this.args.required("template"));
		Path conf = Path.of(this.args.required("conf"));
		String prefix = this.args.required("prefix");
		String nginx = this.args.get("nginx", "nginx");
		long master = Long.parseLong(this.args.required("master"));
		List<ProcessGroup> backends = ProcessGroup.parse(this.args.get("backends", ""));
		int reps = this.args.intValue("reps", 5);
		int firstRep = this.args.intValue("first-rep", 1);
		Duration gap = this.args.duration("gap", Duration.ofMillis(500));
		Duration timeout = this.args.duration("timeout", Duration.ofSeconds(30));
		CpuSet sut = CpuSet.parse(this.args.get("sut-cpus", "1"));
		CpuSet loadgen = CpuSet.parse(this.args.get("loadgen-cpus", "0"));
		Path out = Path.of(this.args.required("out"));
		HttpHeaders current = ReloadProbe.once(url);
		int generation = Integer.parseInt(current.firstValue(ReloadProbe.GENERATION).orElse("0"));
		int weightA = Integer.parseInt(current.firstValue(ReloadProbe.SPLIT).orElse("90/10").split("/")[0]);
		try (ReloadProbe probe = new ReloadProbe(url, this.args.intValue("threads", 2),
				this.args.duration("interval", Duration.ofMillis(1)))) {
			// the probe's own JIT first, so that its requests are as frequent as asked
			LockSupport.parkNanos(this.args.duration("probe-warmup", Duration.ofSeconds(2)).toNanos());
			probe.forget(System.nanoTime());
			for (int i = 0; i < reps; i++) {
				generation++;
				weightA = (weightA == 90) ? 80 : 90;
				String text = Files.readString(template)
					.replace("@GENERATION@", Integer.toString(generation))
					.replace("@WEIGHT_A@", Integer.toString(weightA))
					.replace("@WEIGHT_B@", Integer.toString(100 - weightA));
				Files.writeString(conf, text, StandardCharsets.UTF_8);
				run(List.of(nginx, "-t", "-q", "-p", prefix, "-c", conf.toString()), timeout);
				ReloadSample sample = reload(probe, List.of(nginx, "-p", prefix, "-c", conf.toString(), "-s", "reload"),
						master, backends, firstRep + i, generation, weightA, timeout, sut, loadgen);
				Json.write(out.resolve(String.format("reload-r%02d.json", sample.rep())), sample);
				Console.say(
						"nginx reload %d (generation %d, split %d/%d): command %.1f ms, every new request on the new "
								+ "configuration after %.1f ms, old workers gone after %.1f ms; %d of %d requests "
								+ "failed; second backend %.1f%%",
						sample.rep(), generation, weightA, 100 - weightA, sample.commandMillis(),
						sample.newConfigMillis(), sample.workersExitedMillis(), sample.failures(), sample.requests(),
						sample.observedShareB());
				LockSupport.parkNanos(gap.toNanos());
			}
		}
	}

	private ReloadSample reload(ReloadProbe probe, List<String> command, long master, List<ProcessGroup> backends,
			int rep, int generation, int weightA, Duration timeout, CpuSet sut, CpuSet loadgen)
			throws IOException, InterruptedException {
		LockSupport.parkNanos(SETTLE.toNanos());
		List<Long> oldWorkers = children(master);
		double nginxBefore = nginxCpu(master, oldWorkers, backends);
		double selfBefore = this.procfs.cpuMillis(ProcessHandle.current().pid(), true);
		double sutBefore = sut.busyMillis(Path.of("/proc/stat"), this.ticks);
		double loadgenBefore = loadgen.busyMillis(Path.of("/proc/stat"), this.ticks);
		long issued = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " failed: "
					+ new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
		}
		long commandDone = System.nanoTime();
		long deadline = issued + timeout.toNanos();
		while (!oldWorkers.stream().allMatch(ReloadCommand::exited)) {
			check(deadline, "the old nginx workers did not exit");
			LockSupport.parkNanos(200_000);
		}
		long workersGone = System.nanoTime();
		String newGeneration = Integer.toString(generation);
		ReloadTimeline.Result timeline = ReloadTimeline.read(probe.since(issued), issued, newGeneration, "b");
		while (timeline.newConfigNanos() < 0 || timeline.newResponses() < MIN_NEW_RESPONSES
				|| System.nanoTime() - Math.max(workersGone, issued + timeline.newConfigNanos()) < TAIL.toNanos()) {
			check(deadline, "nginx did not serve every request with generation " + generation);
			LockSupport.parkNanos(1_000_000);
			timeline = ReloadTimeline.read(probe.since(issued), issued, newGeneration, "b");
		}
		double windowMillis = (System.nanoTime() - issued) / 1e6;
		double nginx = nginxCpu(master, children(master), backends) - nginxBefore;
		double self = this.procfs.cpuMillis(ProcessHandle.current().pid(), true) - selfBefore;
		double otherSut = Math.max(0, sut.busyMillis(Path.of("/proc/stat"), this.ticks) - sutBefore - nginx)
				/ (windowMillis * sut.size());
		double otherLoadgen = Math.max(0, loadgen.busyMillis(Path.of("/proc/stat"), this.ticks) - loadgenBefore - self)
				/ (windowMillis * loadgen.size());
		probe.forget(issued);
		double newConfig = timeline.newConfigNanos() / 1e6;
		double exited = (workersGone - issued) / 1e6;
		return new ReloadSample(rep, generation, weightA, 100 - weightA, (commandDone - issued) / 1e6,
				timeline.firstNewNanos() / 1e6, newConfig, exited, Math.max(newConfig, exited), oldWorkers.size(),
				timeline.requests(), timeline.failed(), timeline.newResponses(), timeline.secondShare(), nginx,
				otherSut, otherLoadgen);
	}

	/**
	 * CPU of nginx: the master with the workers it has reaped, its live workers, and the
	 * backends.
	 */
	private double nginxCpu(long master, List<Long> workers, List<ProcessGroup> backends) {
		double cpu = this.procfs.cpuMillis(master, true);
		for (long worker : workers) {
			if (!exited(worker)) {
				cpu += this.procfs.cpuMillis(worker);
			}
		}
		for (ProcessGroup group : backends) {
			cpu += this.procfs.cpuMillis(group);
		}
		return cpu;
	}

	private static List<Long> children(long pid) {
		return ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("nginx (pid " + pid + ") is not running"))
			.children()
			.map(ProcessHandle::pid)
			.toList();
	}

	/**
	 * Whether a process is gone: no longer in {@code /proc}, or a zombie its parent has
	 * not reaped yet.
	 */
	static boolean exited(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
		}
		catch (NoSuchFileException ex) {
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " failed: " + output);
		}
	}

	private static void check(long deadline, String what) {
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(what + " in time");
		}
	}

}
