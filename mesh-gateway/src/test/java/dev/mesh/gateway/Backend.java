package dev.mesh.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP backend answering every request with its name and the path it was asked
 * for, such as {@code catalog@v2 /catalog/items}.
 */
final class Backend implements AutoCloseable {

	static {
		// Headers and body leave in separate writes; with Nagle's algorithm on, each
		// answer would wait for the client's delayed ACK (about 40 ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final String name;

	private final HttpServer server;

	private Backend(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	static Backend start(String name) throws IOException {
		return new Backend(name);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
