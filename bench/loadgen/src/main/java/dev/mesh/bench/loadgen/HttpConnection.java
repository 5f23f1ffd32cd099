package dev.mesh.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection of the generator. It carries at most one request at a time
 * (no pipelining); whoever holds it from the {@link Dispatcher} may send on it, and only
 * the I/O thread reads from it.
 */
final class HttpConnection {

	private static final int CONNECT_TIMEOUT_MILLIS = 2000;

	private static final long WRITE_TIMEOUT_NANOS = 1_000_000_000L;

	private final InetSocketAddress address;

	private final ResponseParser parser;

	private volatile SocketChannel channel;

	private volatile long intendedStart;

	private volatile long sentAt;

	private volatile boolean inFlight;

	private boolean retried;

	/**
	 * Create a connection.
	 * @param address the server
	 * @param keptHeader the response header whose value the parser keeps, or {@code null}
	 */
	HttpConnection(InetSocketAddress address, String keptHeader) {
		this.address = address;
		this.parser = new ResponseParser(null, keptHeader);
	}

	/**
	 * Open a new socket, replacing any previous one, and register it for reads.
	 * @param selector the I/O thread's selector
	 * @throws IOException if the server cannot be reached
	 */
	void connect(Selector selector) throws IOException {
		close();
		SocketChannel opened = SocketChannel.open();
		try {
			opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
			opened.socket().connect(this.address, CONNECT_TIMEOUT_MILLIS);
			opened.configureBlocking(false);
			opened.register(selector, SelectionKey.OP_READ, this);
		}
		catch (IOException ex) {
			opened.close();
			throw ex;
		}
		this.channel = opened;
	}

	/**
	 * Write a request.
	 * @param intended the request's intended start
	 * @param request the request bytes, left untouched
	 * @throws IOException if the connection is broken
	 */
	void send(long intended, ByteBuffer request) throws IOException {
		this.intendedStart = intended;
		this.sentAt = System.nanoTime();
		this.inFlight = true;
		ByteBuffer bytes = request.duplicate();
		SocketChannel socket = this.channel;
		long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
		while (bytes.hasRemaining()) {
			if (socket.write(bytes) == 0) {
				if (System.nanoTime() > deadline) {
					throw new IOException("the server does not read its socket");
				}
				Thread.onSpinWait();
			}
		}
	}

	void close() {
		SocketChannel current = this.channel;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// closing a broken socket: nothing left to do
			}
		}
	}

	SocketChannel channel() {
		return this.channel;
	}

	ResponseParser parser() {
		return this.parser;
	}

	long intendedStart() {
		return this.intendedStart;
	}

	long sentAt() {
		return this.sentAt;
	}

	boolean inFlight() {
		return this.inFlight;
	}

	void finished() {
		this.inFlight = false;
		this.parser.reset();
	}

	boolean retried() {
		return this.retried;
	}

	void retried(boolean retried) {
		this.retried = retried;
	}

}
