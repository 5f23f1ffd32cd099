package dev.mesh.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections stay served whatever order their requests are answered in. A
 * request that arrives while the previous one is still being finished (pipelined, or sent
 * the moment the last byte of the previous answer arrived) waits in Reactor Netty's
 * queue; when it is then answered at once, such as a 401, the connection must go on
 * reading the next one.
 */
@GatewayIntegrationTest
class KeepAliveIntegrationTests {

	private final TestIssuer issuer = TestIssuer.get();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@BeforeEach
	void pushRoutes() {
		TestMesh.push(this.context, PolicyRoutesIntegrationTests.route("shop/open", "/open", "v1", 100, "v2", 0));
		TestMesh.backends().reset();
	}

	@Test
	void readsTheNextRequestAfterAQueuedRequestAnsweredAtOnce() throws IOException {
		String token = this.issuer.token("bob", Map.of());
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			// The first is answered by a backend, later: the second waits in the queue,
			// and
			// is refused (no token) as soon as it leaves it
			out.write((request("/yml-members/items", token) + request("/yml-members/items", null))
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answer(in)).startsWith("HTTP/1.1 200 ").endsWith("storefront@v1 /yml-members/items");
			assertThat(answer(in)).startsWith("HTTP/1.1 401 ");
			out.write(request("/open/items", null).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answer(in)).startsWith("HTTP/1.1 200 ").endsWith("catalog@v1 /items");
		}
	}

	private static String request(String path, String token) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ ((token != null) ? "Authorization: Bearer " + token + "\r\n" : "") + "\r\n";
	}

	/**
	 * Read one answer of known length.
	 */
	private static String answer(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		try {
			while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				int next = in.read();
				assertThat(next).as("end of the connection in %s", head).isNotNegative();
				head.write(next);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No answer on the kept-alive connection in 10 s", ex);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		assertThat(headers.toLowerCase(Locale.ROOT)).doesNotContain("transfer-encoding");
		return headers + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
	}

}
