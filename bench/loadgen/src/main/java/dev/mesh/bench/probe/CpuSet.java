package dev.mesh.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * A set of CPUs, e.g. the ones the system under test is pinned to, and the time they
 * spent busy (whoever ran on them) according to {@code /proc/stat}.
 */
public final class CpuSet {

	private final List<Integer> cpus;

	private CpuSet(List<Integer> cpus) {
		this.cpus = List.copyOf(cpus);
	}

	/**
	 * Parse a CPU list as {@code taskset} takes it, e.g. {@code 1}, {@code 0-1} or
	 * {@code 0,2-3}.
	 * @param spec the list
	 * @return the set
	 */
	public static CpuSet parse(String spec) {
		Assert.hasText(spec, "'spec' must not be empty");
		List<Integer> cpus = new ArrayList<>();
		for (String part : spec.split(",")) {
			String[] range = part.trim().split("-");
			int first = Integer.parseInt(range[0].trim());
			int last = (range.length > 1) ? Integer.parseInt(range[1].trim()) : first;
			for (int cpu = first; cpu <= last; cpu++) {
				cpus.add(cpu);
			}
		}
		return new CpuSet(cpus);
	}

	public int size() {
		return this.cpus.size();
	}

	/**
	 * Return the time these CPUs have been busy so far (user, nice, system, irq, softirq,
	 * steal), all of them together.
	 * @param procStat the {@code /proc/stat} file
	 * @param ticksPerSecond the kernel's clock ticks per second
	 * @return busy time in milliseconds
	 */
	public double busyMillis(Path procStat, long ticksPerSecond) {
		List<String> lines;
		try {
			lines = Files.readAllLines(procStat);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long ticks = 0;
		for (String line : lines) {
			String[] fields = line.trim().split("\\s+");
			if (fields[0].startsWith("cpu") && fields[0].length() > 3
					&& this.cpus.contains(Integer.parseInt(fields[0].substring(3)))) {
				ticks += Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
						+ Long.parseLong(fields[6]) + Long.parseLong(fields[7]) + Long.parseLong(fields[8]);
			}
		}
		return ticks * 1000.0 / ticksPerSecond;
	}

}
