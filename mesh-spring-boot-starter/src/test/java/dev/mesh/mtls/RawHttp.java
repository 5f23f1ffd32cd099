package dev.mesh.mtls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request on a new connection, over TLS with a given context or in
 * plaintext, as an outside client would send it.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send {@code GET path} over TLS on a new connection.
	 * @param port the loopback port
	 * @param context the client's TLS context
	 * @param path the path
	 * @return the response: status line, headers and body
	 * @throws IOException if the handshake or the exchange fails
	 */
	static String tls(int port, SSLContext context, String path) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(20000);
			socket.startHandshake();
			return exchange(socket, path);
		}
	}

	/**
	 * Send {@code GET path} in plaintext on a new connection.
	 * @param port the loopback port
	 * @param path the path
	 * @return the response
	 * @throws IOException if the exchange fails
	 */
	static String plain(int port, String path) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(20000);
			return exchange(socket, path);
		}
	}

	private static String exchange(Socket socket, String path) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		in.transferTo(response);
		String text = response.toString(StandardCharsets.UTF_8);
		if (text.isEmpty()) {
			throw new IOException("The server closed the connection without answering");
		}
		return text;
	}

}
