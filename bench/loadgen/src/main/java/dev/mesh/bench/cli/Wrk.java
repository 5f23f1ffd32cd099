package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, the closed-loop tool, for a path's maximum throughput only: a closed loop
 * slows down with the server, so its latencies are not reported.
 */
final class Wrk {

	private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private final String executable;

	private final int threads;

	private final int connections;

	Wrk(String executable, int threads, int connections) {
		this.executable = executable;
		this.threads = threads;
		this.connections = connections;
	}

	Result run(URI url, Duration duration) {
		long seconds = Math.max(1, duration.toSeconds());
		List<String> command = List.of(this.executable, "-t" + this.threads, "-c" + this.connections,
				"-d" + seconds + "s", "--timeout", "5s", url.toString());
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(seconds + 30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("wrk did not finish in time");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("wrk failed: " + output.trim());
			}
			return parse(output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running wrk", ex);
		}
	}

	static Result parse(String output) {
		Matcher total = TOTAL.matcher(output);
		if (!total.find()) {
			throw new IllegalStateException("Unexpected wrk output: " + output.trim());
		}
		long requests = Long.parseLong(total.group(1));
		double amount = Double.parseDouble(total.group(2));
		double seconds = switch (total.group(3)) {
			case "ms" -> amount / 1000;
			case "m" -> amount * 60;
			default -> amount;
		};
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		if (socketErrors.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socketErrors.group(i));
			}
		}
		return new Result(requests, seconds, errors);
	}

	/**
	 * What wrk measured.
	 *
	 * @param requests completed requests
	 * @param seconds length of the run
	 * @param errors non-2xx responses and socket errors
	 */
	record Result(long requests, double seconds, long errors) {

		double requestsPerSecond() {
			return (this.seconds > 0) ? this.requests / this.seconds : 0;
		}

	}

}
