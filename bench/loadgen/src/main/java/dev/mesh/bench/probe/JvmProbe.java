package dev.mesh.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Heap, metaspace and class counts of a running JVM through the JDK's {@code jcmd} and
 * {@code jstat}, after asking it for a full GC.
 */
public final class JvmProbe {

	private final Path jdkBin;

	/**
	 * Create a probe.
	 * @param jdkHome the JDK whose tools to use
	 */
	public JvmProbe(Path jdkHome) {
		this.jdkBin = jdkHome.resolve("bin");
	}

	/**
	 * Run a full GC in the JVM, then read its heap and metaspace.
	 * @param pid the JVM's process id
	 * @return what is in use after the GC
	 */
	public Heap heapAfterGc(long pid) {
		run(List.of(this.jdkBin.resolve("jcmd").toString(), Long.toString(pid), "GC.run"));
		Map<String, Double> gc = table(
				run(List.of(this.jdkBin.resolve("jstat").toString(), "-gc", Long.toString(pid))));
		Map<String, Double> classes = table(
				run(List.of(this.jdkBin.resolve("jstat").toString(), "-class", Long.toString(pid))));
		double heap = gc.getOrDefault("S0U", 0.0) + gc.getOrDefault("S1U", 0.0) + gc.getOrDefault("EU", 0.0)
				+ gc.getOrDefault("OU", 0.0);
		return new Heap(Math.round(heap), Math.round(gc.getOrDefault("MU", 0.0)),
				Math.round(classes.getOrDefault("Loaded", 0.0)));
	}

	/**
	 * Parse the two-line table {@code jstat} prints: names, then values.
	 * @param output the output of jstat
	 * @return the values by column name
	 */
	static Map<String, Double> table(String output) {
		List<String> lines = output.lines().filter((line) -> !line.isBlank()).toList();
		Map<String, Double> values = new HashMap<>();
		if (lines.size() < 2) {
			return values;
		}
		String[] names = lines.get(0).trim().split("\\s+");
		String[] numbers = lines.get(1).trim().split("\\s+");
		for (int i = 0; i < Math.min(names.length, numbers.length); i++) {
			try {
				values.put(names[i], Double.valueOf(numbers[i]));
			}
			catch (NumberFormatException ex) {
				// a column such as "-" for an unused collector
			}
		}
		return values;
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " failed: " + output.trim());
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	/**
	 * What a JVM uses after a full GC.
	 *
	 * @param heapUsedKb heap in use, kilobytes
	 * @param metaspaceUsedKb metaspace in use, kilobytes
	 * @param loadedClasses classes loaded
	 */
	public record Heap(long heapUsedKb, long metaspaceUsedKb, long loadedClasses) {

	}

}
