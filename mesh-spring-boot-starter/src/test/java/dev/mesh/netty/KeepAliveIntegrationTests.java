package dev.mesh.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application with the starter keeps serving a kept-alive connection whatever
 * order its requests are answered in. A request that arrives while the previous one is
 * still being answered waits in Reactor Netty's queue; when it is then answered at once,
 * the connection must go on reading the next one (reactor/reactor-netty#4361).
 */
class KeepAliveIntegrationTests {

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void start() {
		app = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("spring.application.name=shop", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.enabled=false", "mesh.discovery.drain-delay=0s")
			.run();
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void servesOnReactorNettyWithTheMeshsCustomizer() {
		assertThat(((WebServerApplicationContext) app).getWebServer()).isInstanceOf(NettyWebServer.class);
		assertThat(app.containsBean("meshKeepAliveReadsCustomizer")).isTrue();
	}

	@Test
	void readsTheNextRequestAfterAQueuedRequestAnsweredAtOnce() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			// The first is answered later: the second waits in the queue, and is answered
			// as soon as it leaves it
			out.write((request("/later") + request("/missing")).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answer(in)).startsWith("HTTP/1.1 200 ").endsWith("later");
			assertThat(answer(in)).startsWith("HTTP/1.1 404 ").endsWith("missing");
			out.write(request("/later").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answer(in)).startsWith("HTTP/1.1 200 ").endsWith("later");
		}
	}

	private static String request(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
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
			throw new AssertionError("No answer on the kept-alive connection in 5 s", ex);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = -1;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		assertThat(length).as("content-length of %s", headers).isNotNegative();
		return headers + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ReactiveApplication {

		@GetMapping("/later")
		Mono<String> later() {
			return Mono.delay(Duration.ofMillis(50)).thenReturn("later");
		}

		@GetMapping("/missing")
		ResponseEntity<String> missing() {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body("missing");
		}

	}

}
