package dev.mesh.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One program of the mesh running as its own JVM, started from its executable jar with
 * the same modest heap and flags as the demo, its output in a log file.
 */
final class MeshProcess {

	private static final List<String> JVM_FLAGS = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xss512k");

	private final String name;

	private final Process process;

	private final Path log;

	private MeshProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static MeshProcess start(String name, String jarProperty, Path logs, Map<String, String> environment,
			String... arguments) throws IOException {
		String jar = System.getProperty(jarProperty);
		if (jar == null || !new File(jar).isFile()) {
			throw new IllegalStateException("Missing jar for " + name + " (" + jarProperty + "=" + jar + ")");
		}
		Files.createDirectories(logs);
		Path log = logs.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_FLAGS);
		command.add("-jar");
		command.add(jar);
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new MeshProcess(name, process, log);
	}

	String name() {
		return this.name;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Ask the program to stop gracefully (SIGTERM), without waiting.
	 */
	void terminate() {
		this.process.destroy();
	}

	/**
	 * Kill the program at once (SIGKILL, like {@code kill -9}) and wait for it to be
	 * gone.
	 */
	void kill() throws InterruptedException {
		this.process.toHandle().destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/**
	 * Wait for the program to exit after {@link #terminate()}, killing it if it takes too
	 * long.
	 * @param timeout how long to wait
	 * @return whether it exited by itself in time
	 */
	boolean awaitExit(Duration timeout) throws InterruptedException {
		if (this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return true;
		}
		this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		return false;
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
