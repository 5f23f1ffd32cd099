package dev.mesh.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a path's own counters (for example TLS handshakes from the sidecars' statistics)
 * by running a command that prints {@code name=value} lines, before and after a segment.
 */
public final class Counters {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final List<String> command;

	/**
	 * Create a reader.
	 * @param script a shell command printing {@code name=value} lines with integer
	 * values, or {@code null} or blank for none
	 */
	public Counters(String script) {
		this.command = (script == null || script.isBlank()) ? List.of() : List.of("/bin/sh", "-c", script);
	}

	/**
	 * Read the counters now.
	 * @return the values by name; empty without a command
	 * @throws IllegalStateException if the command fails
	 */
	public Map<String, Long> read() {
		Map<String, Long> values = new LinkedHashMap<>();
		if (this.command.isEmpty()) {
			return values;
		}
		try {
			Process process = new ProcessBuilder(this.command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("The counter command failed: " + output.trim());
			}
			output.lines()
				.map(String::trim)
				.filter((line) -> line.matches("[A-Za-z0-9_.-]+=-?\\d+"))
				.forEach((line) -> {
					int equals = line.indexOf('=');
					values.put(line.substring(0, equals), Long.valueOf(line.substring(equals + 1)));
				});
			return values;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run the counter command", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading counters", ex);
		}
	}

	/**
	 * Return the change of every counter between two readings.
	 * @param before the first reading
	 * @param after the second reading
	 * @return {@code after - before} for every name in {@code after}
	 */
	public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> delta = new LinkedHashMap<>();
		after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
		return delta;
	}

}
