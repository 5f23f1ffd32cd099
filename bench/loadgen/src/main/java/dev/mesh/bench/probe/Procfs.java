package dev.mesh.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a process's CPU time and memory from Linux's {@code /proc}.
 */
public final class Procfs {

	private final Path root;

	private final long ticksPerSecond;

	/**
	 * Create a reader.
	 * @param root the proc file system, normally {@code /proc}
	 * @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK},
	 * normally 100)
	 */
	public Procfs(Path root, long ticksPerSecond) {
		this.root = root;
		this.ticksPerSecond = ticksPerSecond;
	}

	/**
	 * Return the CPU time a process has used so far, all of its threads together.
	 * @param pid the process id
	 * @return user plus system time in milliseconds
	 * @throws UncheckedIOException if the process does not exist
	 */
	public double cpuMillis(long pid) {
		return cpuMillis(pid, false);
	}

	/**
	 * Return the CPU time a process has used so far, all of its threads together, and
	 * optionally that of its children that have exited and been waited for.
	 * @param pid the process id
	 * @param withChildren whether to add the time of its finished children
	 * @return user plus system time in milliseconds
	 * @throws UncheckedIOException if the process does not exist
	 */
	public double cpuMillis(long pid, boolean withChildren) {
		String stat = read(this.root.resolve(pid + "/stat"));
		// the command name, in parentheses, may contain spaces: count fields after it
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		if (withChildren) {
			ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
		}
		return ticks * 1000.0 / this.ticksPerSecond;
	}

	/**
	 * Return the CPU time of every process of a group together.
	 * @param group the group
	 * @return user plus system time in milliseconds
	 */
	public double cpuMillis(ProcessGroup group) {
		return group.pids().stream().mapToDouble(this::cpuMillis).sum();
	}

	/**
	 * Return the memory of a process.
	 * @param pid the process id
	 * @return its resident and proportional set sizes
	 */
	public Memory memory(long pid) {
		Path rollup = this.root.resolve(pid + "/smaps_rollup");
		List<String> lines = lines(Files.exists(rollup) ? rollup : this.root.resolve(pid + "/smaps"));
		long rss = 0;
		long pss = 0;
		for (String line : lines) {
			if (line.startsWith("Rss:")) {
				rss += kilobytes(line);
			}
			else if (line.startsWith("Pss:")) {
				pss += kilobytes(line);
			}
		}
		return new Memory(rss, pss);
	}

	/**
	 * Return the memory of every process of a group together.
	 * @param group the group
	 * @return the sums of their resident and proportional set sizes
	 */
	public Memory memory(ProcessGroup group) {
		long rss = 0;
		long pss = 0;
		for (long pid : group.pids()) {
			Memory memory = memory(pid);
			rss += memory.rssKb();
			pss += memory.pssKb();
		}
		return new Memory(rss, pss);
	}

	private static long kilobytes(String line) {
		String[] parts = line.trim().split("\\s+");
		return Long.parseLong(parts[1]);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new UncheckedIOException("No such process: " + file.getParent().getFileName(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(Path file) {
		return read(file).lines().toList();
	}

	/**
	 * Memory of a process.
	 *
	 * @param rssKb resident set size in kilobytes
	 * @param pssKb proportional set size in kilobytes
	 */
	public record Memory(long rssKb, long pssKb) {

	}

}
