package dev.mesh.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server answering every request with a fixed text, counting requests.
 */
public final class TextServer implements AutoCloseable {

	static {
		// The JDK server delays small responses by ~40 ms without TCP_NODELAY.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private TextServer(String text, Duration delay) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			if (!delay.isZero()) {
				// A slow backend: holds the answer back without busy waiting.
				LockSupport.parkNanos(delay.toNanos());
			}
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.getResponseHeaders().set("X-Path", exchange.getRequestURI().toString());
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	public static TextServer start(String text) throws IOException {
		return new TextServer(text, Duration.ZERO);
	}

	/**
	 * Start a server that answers each request only after a delay.
	 * @param text the answer
	 * @param delay the delay
	 * @return the started server
	 */
	public static TextServer slow(String text, Duration delay) throws IOException {
		return new TextServer(text, delay);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
