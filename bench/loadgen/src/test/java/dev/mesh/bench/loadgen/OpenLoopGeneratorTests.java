package dev.mesh.bench.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test: about one second of load at a low rate against a no-op server.
 */
class OpenLoopGeneratorTests {

	private final AtomicInteger served = new AtomicInteger();

	private HttpServer server;

	@BeforeEach
	void startNoOpServer() throws IOException {
		// like every real server: no Nagle delay between the response head and its body
		System.setProperty("sun.net.httpserver.nodelay", "true");
		byte[] payload = new byte[1024];
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			// counted before answering: once the generator has the response, the count
			// has it too
			this.served.incrementAndGet();
			exchange.sendResponseHeaders(200, payload.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(payload);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void sendsEveryScheduledRequestAtTheRateOverKeepAliveConnections() throws Exception {
		URI target = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/noop");
		try (OpenLoopGenerator generator = new OpenLoopGenerator(target, 4)) {
			generator.open();
			PhaseResult result = generator.run(200, Duration.ofSeconds(1), Duration.ofSeconds(5));
			assertThat(result.scheduled()).isEqualTo(200);
			assertThat(result.completed()).isEqualTo(200);
			assertThat(result.errors()).isZero();
			assertThat(result.latency().getTotalCount()).isEqualTo(200);
			assertThat(result.latency().getMaxValue()).isLessThan(Duration.ofSeconds(1).toNanos() / 1000);
			assertThat(result.achievedRate()).isBetween(150.0, 210.0);
			assertThat(this.served).hasValue(200);
		}
	}

}
