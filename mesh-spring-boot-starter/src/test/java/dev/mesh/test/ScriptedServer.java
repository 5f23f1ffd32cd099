package dev.mesh.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server whose answers a script decides, request by request: status,
 * headers, body and delay. Records every request (method, path, chosen headers).
 */
public final class ScriptedServer implements AutoCloseable {

	static {
		// The JDK server delays small responses by ~40 ms without TCP_NODELAY.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger count = new AtomicInteger();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private ScriptedServer(Function<Request, Reply> script) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			Request request = new Request(this.count.incrementAndGet(), exchange.getRequestMethod(),
					exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("x-mesh-deadline"),
					exchange.getRequestHeaders().getFirst("x-mesh-caller"),
					exchange.getRequestHeaders().getFirst("Idempotency-Key"));
			this.requests.add(request);
			Reply reply = script.apply(request);
			if (!reply.delay().isZero()) {
				LockSupport.parkNanos(reply.delay().toNanos());
			}
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(reply.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Start a server.
	 * @param script decides the reply to each request
	 * @return the started server
	 */
	public static ScriptedServer start(Function<Request, Reply> script) throws IOException {
		return new ScriptedServer(script);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return how many requests arrived.
	 * @return the count
	 */
	public int count() {
		return this.count.get();
	}

	public List<Request> requests() {
		return this.requests;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A request received.
	 *
	 * @param number its number, from 1
	 * @param method its method
	 * @param path its path
	 * @param deadline its {@code x-mesh-deadline} header
	 * @param caller its {@code x-mesh-caller} header
	 * @param idempotencyKey its {@code Idempotency-Key} header
	 */
	public record Request(int number, String method, String path, String deadline, String caller,
			String idempotencyKey) {

	}

	/**
	 * A reply.
	 *
	 * @param status the status
	 * @param headers headers to send
	 * @param body the body
	 * @param delay how long to hold the reply back
	 */
	public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

		public static Reply ok(String body) {
			return new Reply(200, Map.of(), body, Duration.ZERO);
		}

		public static Reply status(int status) {
			return new Reply(status, Map.of(), "", Duration.ZERO);
		}

		public Reply withHeader(String name, String value) {
			return new Reply(this.status, Map.of(name, value), this.body, this.delay);
		}

		public Reply after(Duration delay) {
			return new Reply(this.status, this.headers, this.body, delay);
		}

	}

}
