package dev.mesh.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP backend answering every request with its name and the path it was asked
 * for, such as {@code catalog@v2 /catalog/items}. It records what it received, and can be
 * made slow or failing.
 */
final class Backend implements AutoCloseable {

	static {
		// Headers and body leave in separate writes; with Nagle's algorithm on, each
		// answer would wait for the client's delayed ACK (about 40 ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger requests = new AtomicInteger();

	private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile Duration delay = Duration.ZERO;

	private volatile int status = 200;

	private Backend(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			byte[] requestBody;
			try (InputStream in = exchange.getRequestBody()) {
				requestBody = in.readAllBytes();
			}
			this.requests.incrementAndGet();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					copy(exchange.getRequestHeaders()), new String(requestBody, StandardCharsets.UTF_8)));
			while (this.received.size() > 1000) {
				this.received.pollFirst();
			}
			pause();
			byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(this.status, body.length);
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

	String url() {
		return "http://127.0.0.1:" + port();
	}

	int requests() {
		return this.requests.get();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Make every answer wait.
	 * @param delay how long
	 */
	void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Answer with another status.
	 * @param status the status
	 */
	void status(int status) {
		this.status = status;
	}

	/**
	 * Answer normally again and forget what was received.
	 */
	void reset() {
		this.delay = Duration.ZERO;
		this.status = 200;
		this.received.clear();
		this.requests.set(0);
	}

	private void pause() {
		Duration wait = this.delay;
		if (!wait.isZero()) {
			try {
				this.released.await(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Map<String, List<String>> copy(Headers headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((key, values) -> copy.put(key, List.copyOf(values)));
		return copy;
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request as the backend received it.
	 *
	 * @param method the method
	 * @param uri the path and query
	 * @param headers the headers, by case-insensitive name
	 * @param body the body
	 */
	record Received(String method, String uri, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? String.join(",", values) : null;
		}

	}

}
