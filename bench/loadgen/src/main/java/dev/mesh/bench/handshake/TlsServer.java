package dev.mesh.bench.handshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.springframework.util.Assert;

/**
 * The JDK's TLS floor: a blocking {@link SSLServerSocket} that requires a client
 * certificate, and for each connection completes the handshake, reads one HTTP request
 * head, answers {@code 200} with a fixed body and closes. Nothing else: no HTTP parsing
 * beyond the blank line, no keep-alive, a few threads each accepting in turn.
 */
public final class TlsServer implements AutoCloseable {

	private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final SSLServerSocket socket;

	private final byte[] response;

	private final AtomicLong served = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	/**
	 * Open the server.
	 * @param context the TLS context (server certificate, trusted CA)
	 * @param port the port on 127.0.0.1, 0 for any
	 * @param protocols the protocols allowed, e.g. {@code TLSv1.3, TLSv1.2}
	 * @param cipherSuites the cipher suites allowed
	 * @param bodySize the size of the response body
	 * @throws IOException if the port cannot be bound
	 */
	public TlsServer(SSLContext context, int port, List<String> protocols, List<String> cipherSuites, int bodySize)
			throws IOException {
		Assert.notEmpty(protocols, "'protocols' must not be empty");
		Assert.notEmpty(cipherSuites, "'cipherSuites' must not be empty");
		this.socket = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(port, 512, InetAddress.getLoopbackAddress());
		this.socket.setNeedClientAuth(true);
		this.socket.setEnabledProtocols(protocols.toArray(String[]::new));
		this.socket.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
		byte[] head = ("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodySize
				+ "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.response = Arrays.copyOf(head, head.length + bodySize);
		Arrays.fill(this.response, head.length, this.response.length, (byte) 'x');
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Return the connections answered so far.
	 * @return handshakes completed and answered
	 */
	public long served() {
		return this.served.get();
	}

	/**
	 * Return the connections that failed (handshake refused, or no request).
	 * @return failed connections
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Serve on daemon threads until closed.
	 * @param threads the threads that accept and serve connections
	 */
	public void start(int threads) {
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(this::serve, "tls-server-" + i);
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				connection.setSoTimeout(10_000);
				connection.setTcpNoDelay(true);
				if (answer(connection)) {
					this.served.incrementAndGet();
				}
				else {
					this.failed.incrementAndGet();
				}
			}
			catch (SocketException ex) {
				if (!this.socket.isClosed()) {
					this.failed.incrementAndGet();
				}
			}
			catch (IOException ex) {
				this.failed.incrementAndGet();
			}
		}
	}

	private boolean answer(Socket connection) throws IOException {
		InputStream in = connection.getInputStream();
		byte[] buffer = new byte[4096];
		int length = 0;
		while (!endsHead(buffer, length)) {
			int read = in.read(buffer, length, buffer.length - length);
			if (read < 0 || length + read == buffer.length) {
				return false;
			}
			length += read;
		}
		OutputStream out = connection.getOutputStream();
		out.write(this.response);
		out.flush();
		return true;
	}

	/**
	 * Return whether what was read so far holds the end of an HTTP request head.
	 * @param buffer the bytes read
	 * @param length how many
	 * @return whether they contain a blank line
	 */
	static boolean endsHead(byte[] buffer, int length) {
		for (int i = 0; i + END_OF_HEAD.length <= length; i++) {
			if (Arrays.equals(buffer, i, i + END_OF_HEAD.length, END_OF_HEAD, 0, END_OF_HEAD.length)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
