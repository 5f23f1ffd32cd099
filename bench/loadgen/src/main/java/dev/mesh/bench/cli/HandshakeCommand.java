package dev.mesh.bench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mesh.bench.handshake.STime;
import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.HandshakeSample;
import dev.mesh.bench.results.Json;

/**
 * {@code handshake}: one segment of the handshake suite. Runs {@code --clients}
 * {@code openssl s_time} clients at once (they inherit this program's CPUs) against one
 * server for {@code --duration}, and measures the server's processes around them. Every
 * connection must have read at least {@code --min-bytes} of response, or the server did
 * not answer (for example because it refused the client certificate). Writes one JSON
 * file.
 */
final class HandshakeCommand {

	/**
	 * The counter a server's own handshake count is read from.
	 */
	static final String SERVER_HANDSHAKES = "tls_handshakes";

	private final Args args;

	HandshakeCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String target = this.args.required("target");
		int rep = this.args.intValue("rep", 1);
		STime.Settings settings = new STime.Settings(this.args.required("connect"), this.args.get("path", "/payload"),
				this.args.get("protocol", "TLSv1.3"), this.args.required("cert"), this.args.required("key"),
				this.args.required("ca"));
		Duration duration = this.args.duration("duration", Duration.ofSeconds(10));
		int clients = this.args.intValue("clients", 2);
		long minBytes = this.args.intValue("min-bytes", 1024);
		int ticks = this.args.intValue("clk-tck", 100);
		Segments segments = new Segments(new Procfs(Path.of("/proc"), ticks),
				ProcessGroup.parse(this.args.required("pids")), new Counters(this.args.get("counters", null)),
				cpus("sut-cpus"), cpus("loadgen-cpus"), ticks);
		List<String> command = STime.command(this.args.get("openssl", "openssl"), settings, duration.toSeconds());
		Segments.Window window = segments.start();
		long started = System.nanoTime();
		List<Process> processes = new ArrayList<>();
		List<Path> outputs = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Path output = Files.createTempFile("s_time-", ".txt");
			output.toFile().deleteOnExit();
			outputs.add(output);
			processes
				.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start());
		}
		long handshakes = 0;
		long bytes = Long.MAX_VALUE;
		for (int i = 0; i < clients; i++) {
			Process process = processes.get(i);
			boolean finished = process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS);
			String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
			Files.deleteIfExists(outputs.get(i));
			if (!finished) {
				processes.forEach(Process::destroyForcibly);
				throw new IllegalStateException("openssl s_time did not finish in time");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("openssl s_time failed against " + target + ": " + output.trim());
			}
			STime.Result result = STime.parse(output);
			handshakes += result.connections();
			bytes = Math.min(bytes, result.bytesPerConnection());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Segments.Measured measured = segments.stop(window);
		if (bytes < minBytes) {
			throw new IllegalStateException(String.format("%s answered %d bytes per connection instead of at least %d: "
					+ "it did not serve the request (a refused client certificate?)", target, bytes, minBytes));
		}
		Map<String, Long> counters = measured.counters();
		HandshakeSample sample = new HandshakeSample(target, settings.protocol(), rep, measured.startedAt(), seconds,
				clients, handshakes, bytes, measured.processes(), measured.loadgenCpuMillis(),
				counters.get(SERVER_HANDSHAKES), measured.otherSutCpu(), measured.otherLoadgenCpu());
		Json.write(Segments.file(Path.of(this.args.required("out")), "handshake", target + "-" + settings.protocol(),
				rep, "s_time"), sample);
		double cpu = sample.serverCpuMillis();
		Console.say(
				"%s %s rep %d: %d full handshakes in %.1f s (%.0f/s), server CPU %.0f ms: %.0f handshakes per "
						+ "server CPU-second; other work on the server's CPU %.0f%%",
				target, settings.protocol(), rep, handshakes, seconds, handshakes / seconds, cpu,
				(cpu > 0) ? handshakes * 1000 / cpu : 0, measured.otherSutCpu() * 100);
	}

	private CpuSet cpus(String option) {
		String spec = this.args.get(option, null);
		return (spec != null) ? CpuSet.parse(spec) : null;
	}

}
