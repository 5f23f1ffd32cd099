package dev.mesh.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 backend written on sockets, for what a backend does to its
 * connections: it counts the connections it accepted and those its client closed, and
 * answers by path: {@code /ok} (kept alive), {@code /arm} (kept alive, but the next
 * request on the connection closes it unanswered), {@code /then-close} (kept alive by its
 * headers, then closed, as a backend whose keep-alive time ran out), {@code /close}
 * ({@code Connection: close}), {@code /chunked} (1 MiB in chunks), {@code /long} (200 KiB
 * of known length), {@code /silent} (no answer), {@code /trickle} (a chunked answer that
 * never ends).
 */
final class RawBackend implements AutoCloseable {

	static final int CHUNKED_LENGTH = 1024 * 1024;

	static final int LONG_LENGTH = 200 * 1024;

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger closedByClient = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger dropped = new AtomicInteger();

	private final AtomicLong trickled = new AtomicLong();

	private volatile String lastRequest;

	private RawBackend() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	static RawBackend start() throws IOException {
		return new RawBackend();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	int accepted() {
		return this.accepted.get();
	}

	int closedByClient() {
		return this.closedByClient.get();
	}

	int requests() {
		return this.requests.get();
	}

	/**
	 * Return how many requests came on an armed connection and were dropped with it.
	 * @return the requests dropped
	 */
	int dropped() {
		return this.dropped.get();
	}

	/**
	 * Return how many bytes of {@code /trickle} answers were written.
	 * @return the bytes written
	 */
	long trickled() {
		return this.trickled.get();
	}

	/**
	 * Return the request line and headers of the last request, as received.
	 * @return the request head
	 */
	String lastRequest() {
		return this.lastRequest;
	}

	/**
	 * The byte at a position of the {@code /chunked} and {@code /long} answers.
	 * @param position the position
	 * @return the byte
	 */
	static byte at(int position) {
		return (byte) ('a' + (position % 23));
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.executor.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			boolean armed = false;
			while (true) {
				String head = readHead(in);
				if (head == null) {
					this.closedByClient.incrementAndGet();
					return;
				}
				if (armed) {
					// As a backend whose keep-alive time ran out as the request came
					this.dropped.incrementAndGet();
					return;
				}
				this.requests.incrementAndGet();
				this.lastRequest = head;
				if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
					// Requests without a body: the last chunk only
					readHead(in);
				}
				String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
				armed = path.equals("/arm");
				if (!answer(path, in, out)) {
					return;
				}
			}
		}
		catch (SocketException ex) {
			this.closedByClient.incrementAndGet();
		}
		catch (IOException ex) {
			// the test ended
		}
	}

	/**
	 * Answer a request.
	 * @return whether the connection stays open
	 */
	private boolean answer(String path, InputStream in, OutputStream out) throws IOException {
		switch (path) {
			case "/ok", "/arm" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
			case "/then-close" -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
				return false;
			}
			case "/close" -> {
				write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
				return false;
			}
			case "/chunked" -> {
				write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
				int chunk = 16 * 1024;
				for (int sent = 0; sent < CHUNKED_LENGTH; sent += chunk) {
					write(out, Integer.toHexString(chunk) + "\r\n");
					out.write(bytes(sent, chunk));
					write(out, "\r\n");
				}
				write(out, "0\r\n\r\n");
			}
			case "/long" -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + LONG_LENGTH + "\r\n\r\n");
				out.write(bytes(0, LONG_LENGTH));
				out.flush();
			}
			case "/silent" -> {
				if (in.read() < 0) {
					this.closedByClient.incrementAndGet();
				}
				return false;
			}
			case "/trickle" -> {
				write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
				// Written as fast as the client takes it, until it leaves (64 MiB at
				// most)
				for (int i = 0; i < 64 * 1024; i++) {
					write(out, "400\r\n");
					out.write(bytes(i * 1024, 1024));
					write(out, "\r\n");
					this.trickled.addAndGet(1024);
				}
				return false;
			}
			default -> write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
		}
		return true;
	}

	private static byte[] bytes(int from, int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = at(from + i);
		}
		return bytes;
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Read up to an empty line.
	 * @return what was read, {@code null} when the client closed the connection first
	 */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			if (matched == 4) {
				return head.toString(StandardCharsets.US_ASCII);
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.executor.shutdownNow();
	}

}
