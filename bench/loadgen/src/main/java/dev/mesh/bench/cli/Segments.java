package dev.mesh.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.ProcessSample;

/**
 * Measures the processes and counters of a path around one segment: CPU from just before
 * the first request to just after the last response, memory at the end.
 */
final class Segments {

	private final Procfs procfs;

	private final List<ProcessGroup> groups;

	private final Counters counters;

	private final long self = ProcessHandle.current().pid();

	private final CpuSet sutCpus;

	private final CpuSet loadgenCpus;

	private final long ticksPerSecond;

	Segments(Procfs procfs, List<ProcessGroup> groups, Counters counters) {
		this(procfs, groups, counters, null, null, 100);
	}

	/**
	 * Create the measurements of a path.
	 * @param procfs reads processes
	 * @param groups the programs of the path
	 * @param counters the path's own counters
	 * @param sutCpus the CPUs of the system under test, or {@code null}
	 * @param loadgenCpus the CPUs of the load generator, or {@code null}
	 * @param ticksPerSecond the kernel's clock ticks per second
	 */
	Segments(Procfs procfs, List<ProcessGroup> groups, Counters counters, CpuSet sutCpus, CpuSet loadgenCpus,
			long ticksPerSecond) {
		this.procfs = procfs;
		this.groups = groups;
		this.counters = counters;
		this.sutCpus = sutCpus;
		this.loadgenCpus = loadgenCpus;
		this.ticksPerSecond = ticksPerSecond;
	}

	Window start() {
		Map<String, Long> counted = this.counters.read();
		double[] cpu = new double[this.groups.size()];
		for (int i = 0; i < cpu.length; i++) {
			cpu[i] = this.procfs.cpuMillis(this.groups.get(i));
		}
		return new Window(counted, cpu, this.procfs.cpuMillis(this.self, true), System.currentTimeMillis(),
				System.nanoTime(), busy(this.sutCpus), busy(this.loadgenCpus));
	}

	private double busy(CpuSet cpus) {
		return (cpus != null) ? cpus.busyMillis(Path.of("/proc/stat"), this.ticksPerSecond) : 0;
	}

	/**
	 * Share of some CPUs' capacity over a window that processes other than ours used.
	 */
	private static double others(CpuSet cpus, double busyBefore, double busyAfter, double ours, double millis) {
		if (cpus == null || millis <= 0) {
			return 0;
		}
		return Math.max(0, busyAfter - busyBefore - ours) / (millis * cpus.size());
	}

	Measured stop(Window window) {
		List<ProcessSample> samples = new ArrayList<>();
		double[] cpuAfter = new double[this.groups.size()];
		for (int i = 0; i < cpuAfter.length; i++) {
			cpuAfter[i] = this.procfs.cpuMillis(this.groups.get(i));
		}
		double loadgenCpu = this.procfs.cpuMillis(this.self, true) - window.loadgenCpu();
		Map<String, Long> counted = Counters.delta(window.counters(), this.counters.read());
		for (int i = 0; i < cpuAfter.length; i++) {
			ProcessGroup group = this.groups.get(i);
			Procfs.Memory memory = this.procfs.memory(group);
			samples.add(new ProcessSample(group.name(), group.pids(), cpuAfter[i] - window.cpu()[i], memory.rssKb(),
					memory.pssKb()));
		}
		double millis = (System.nanoTime() - window.startedNanos()) / 1e6;
		double pathCpu = samples.stream().mapToDouble(ProcessSample::cpuMillis).sum();
		double otherSut = others(this.sutCpus, window.sutBusy(), busy(this.sutCpus), pathCpu, millis);
		double otherLoadgen = others(this.loadgenCpus, window.loadgenBusy(), busy(this.loadgenCpus), loadgenCpu,
				millis);
		return new Measured(samples, counted, loadgenCpu, window.startedAt(), otherSut, otherLoadgen);
	}

	static Path file(Path directory, String suite, String target, int rep, String what) {
		return directory.resolve(String.format("%s-%s-r%02d-%s.json", suite, target, rep, what));
	}

	/**
	 * A segment being measured.
	 *
	 * @param counters the counters at the start
	 * @param cpu the CPU time of each group at the start
	 * @param loadgenCpu the load generator's own CPU time at the start
	 * @param startedAt the wall-clock start
	 * @param startedNanos the start on the {@link System#nanoTime()} clock
	 * @param sutBusy busy time of the system under test's CPUs at the start
	 * @param loadgenBusy busy time of the load generator's CPUs at the start
	 */
	record Window(Map<String, Long> counters, double[] cpu, double loadgenCpu, long startedAt, long startedNanos,
			double sutBusy, double loadgenBusy) {

	}

	/**
	 * What was measured around a segment.
	 *
	 * @param processes CPU and memory of every program of the path
	 * @param counters the change of the path's counters
	 * @param loadgenCpuMillis the load generator's own CPU time
	 * @param startedAt the wall-clock start
	 * @param otherSutCpu share of the system under test's CPUs used by processes outside
	 * the path
	 * @param otherLoadgenCpu share of the load generator's CPUs used by other processes
	 */
	record Measured(List<ProcessSample> processes, Map<String, Long> counters, double loadgenCpuMillis, long startedAt,
			double otherSutCpu, double otherLoadgenCpu) {

	}

}
