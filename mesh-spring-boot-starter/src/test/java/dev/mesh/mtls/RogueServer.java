package dev.mesh.mtls;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.mesh.identity.PeerCredential;

/**
 * An HTTPS server on a loopback port presenting a given certificate and answering
 * {@code rogue} to anything: what a client must refuse to talk to when the certificate is
 * not the destination's.
 */
final class RogueServer implements AutoCloseable {

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger requests = new AtomicInteger();

	private RogueServer(PeerCredential credential) throws Exception {
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(credential.sslContext()));
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = "rogue".getBytes(StandardCharsets.US_ASCII);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	static RogueServer start(PeerCredential credential) throws Exception {
		return new RogueServer(credential);
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return how many requests reached the server, past its handshake.
	 * @return the count
	 */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
