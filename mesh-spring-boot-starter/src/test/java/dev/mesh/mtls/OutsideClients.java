package dev.mesh.mtls;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code openssl s_client} and {@code curl} as clients from outside the JVM; a test that
 * needs one is skipped, saying so, when it is not installed.
 */
final class OutsideClients {

	private OutsideClients() {
	}

	static void assumeInstalled(String command) {
		assumeThat(installed(command)).as(command + " is not installed (looked for it on the PATH)").isTrue();
	}

	private static boolean installed(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (new File(directory, command).canExecute()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Run a command to its end.
	 * @param input what to write to its standard input
	 * @param command the command and its arguments
	 * @return its exit code and its output and error output together
	 * @throws IOException if it cannot run
	 * @throws InterruptedException when interrupted
	 */
	static Result run(String input, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
		process.getOutputStream().close();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (InputStream in = process.getInputStream()) {
			in.transferTo(output);
		}
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", command) + " did not end within 60 s");
		}
		return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
	}

	/**
	 * {@code openssl s_client} sending one request and reading the answer.
	 * @param port the loopback port
	 * @param credentials a directory with {@code cert.pem} and {@code key.pem} to
	 * present, or {@code null} for none
	 * @return the result
	 * @throws Exception if it cannot run
	 */
	static Result openssl(int port, Path credentials) throws Exception {
		List<String> command = new ArrayList<>(
				List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-ign_eof", "-tls1_3"));
		if (credentials != null) {
			command.addAll(List.of("-cert", credentials.resolve("cert.pem").toString(), "-key",
					credentials.resolve("key.pem").toString()));
		}
		return run("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
				command.toArray(new String[0]));
	}

	/**
	 * {@code curl} over TLS, not checking the server (the test is about what the server
	 * accepts).
	 * @param port the loopback port
	 * @param credentials a directory with {@code cert.pem} and {@code key.pem} to
	 * present, or {@code null} for none
	 * @return the result
	 * @throws Exception if it cannot run
	 */
	static Result curl(int port, Path credentials) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "30"));
		if (credentials != null) {
			command.addAll(List.of("--cert", credentials.resolve("cert.pem").toString(), "--key",
					credentials.resolve("key.pem").toString()));
		}
		command.add("https://127.0.0.1:" + port + "/hello");
		return run("", command.toArray(new String[0]));
	}

	record Result(int exitCode, String output) {

	}

}
