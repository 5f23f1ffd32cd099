package dev.mesh.gateway.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (Debian's package: {@code apt-get install redis-server}) on
 * a free port of 127.0.0.1, without persistence, stopped by {@link #close()}. Tests that
 * need one are skipped, saying why, when it is not installed.
 */
public final class RedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start a Redis server, or skip the calling test when none is installed.
	 * @return the running server
	 */
	public static RedisServer start() throws IOException {
		Path executable = executable();
		assumeThat(executable)
			.as("redis-server is not installed (apt-get install redis-server): skipping the Redis-backed global "
					+ "rate limit tests")
			.isNotNull();
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(executable.toString(), "--bind", "127.0.0.1", "--port",
				Integer.toString(port), "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		RedisServer server = new RedisServer(process, port);
		try {
			await("redis-server answers PING").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.failFast("redis-server exited", () -> !process.isAlive())
				.until(server::ping);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private static Path executable() {
		String path = System.getenv("PATH");
		for (String directory : ((path != null) ? path : "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		Path debian = Path.of("/usr/bin/redis-server");
		return Files.isExecutable(debian) ? debian : null;
	}

	/**
	 * Return the port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	boolean ping() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return "+PONG".equals(in.readLine());
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
