package dev.mesh.e2e;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A control service process killed with SIGKILL in the middle of a stream of policy
 * writes loses none it acknowledged, and holds no half-written document, after a restart.
 * It serves TLS with the root it keeps in its data directory across the kills.
 */
class ControlServiceCrashIntegrationTests {

	private static final String TOKEN = "crash-test-admin-token-0123456789";

	private HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void keepsEveryAcknowledgedWriteAcrossKills() throws Exception {
		Path logs = Path.of(System.getProperty("mesh.e2e.logs", "target/e2e-logs")).resolveSibling("crash-logs");
		Path data = Files.createTempDirectory(logs.getParent().resolve("."), "crash-data-");
		Map<String, String> acknowledged = new LinkedHashMap<>();
		for (int round = 0; round < 3; round++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			MeshProcess control = MeshProcess.start("control-" + round, "mesh.e2e.control-jar", logs,
					Map.of("MESH_POLICY_ADMINTOKEN", TOKEN), "--server.port=" + port, "--server.address=127.0.0.1",
					"--management.server.port=0", "--mesh.policy.data-directory=" + data);
			URI base = URI.create("https://127.0.0.1:" + port);
			await("control service up").atMost(Duration.ofMinutes(2))
				.ignoreExceptions()
				.until(() -> trust(data) && get(base.resolve("/v1/policies")).statusCode() == 200);
			verify(base, acknowledged);
			AtomicBoolean writing = new AtomicBoolean(true);
			int writeRound = round;
			Thread writer = new Thread(() -> {
				for (int i = 0; writing.get() && i < 10_000; i++) {
					String name = "r" + writeRound + "-p" + i;
					String timeout = (1 + ThreadLocalRandom.current().nextInt(5000)) + "ms";
					try {
						if (post(base, name, timeout).statusCode() == 201) {
							synchronized (acknowledged) {
								acknowledged.put(name, timeout);
							}
						}
					}
					catch (Exception ex) {
						return;
					}
				}
			});
			writer.start();
			// Kill at a random point of the stream, while writes are in flight.
			int killAfter = size(acknowledged) + 20 + ThreadLocalRandom.current().nextInt(60);
			await().atMost(Duration.ofSeconds(60)).until(() -> size(acknowledged) >= killAfter);
			control.kill();
			writing.set(false);
			writer.join();
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		MeshProcess control = MeshProcess.start("control-final", "mesh.e2e.control-jar", logs,
				Map.of("MESH_POLICY_ADMINTOKEN", TOKEN), "--server.port=" + port, "--server.address=127.0.0.1",
				"--management.server.port=0", "--mesh.policy.data-directory=" + data);
		try {
			URI base = URI.create("https://127.0.0.1:" + port);
			await("control service up").atMost(Duration.ofMinutes(2))
				.ignoreExceptions()
				.until(() -> trust(data) && get(base.resolve("/v1/policies")).statusCode() == 200);
			verify(base, acknowledged);
			assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
		}
		finally {
			control.terminate();
			control.awaitExit(Duration.ofSeconds(30));
		}
	}

	private boolean trust(Path data) throws Exception {
		if (this.http == null) {
			this.http = ControlServiceTls.client(ControlServiceTls.root(data));
		}
		return true;
	}

	private void verify(URI base, Map<String, String> acknowledged) throws Exception {
		Map<String, String> expected;
		synchronized (acknowledged) {
			expected = new LinkedHashMap<>(acknowledged);
		}
		HttpResponse<String> list = get(base.resolve("/v1/policies?kind=ServicePolicy"));
		assertThat(list.statusCode()).isEqualTo(200);
		Map<String, String> stored = new LinkedHashMap<>();
		this.json.readTree(list.body())
			.forEach((policy) -> stored.put(policy.get("name").asString(),
					policy.get("document").get("spec").get("timeout").asString()));
		assertThat(stored).as("every acknowledged write, whole").containsAllEntriesOf(expected);
		assertThat(stored.size() - expected.size()).as("at most the write in flight at each kill")
			.isLessThanOrEqualTo(3);
	}

	private HttpResponse<String> post(URI base, String name, String timeout) throws Exception {
		String yaml = "apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: " + name + "}\nspec: {timeout: "
				+ timeout + "}\n";
		return this.http.send(HttpRequest.newBuilder(base.resolve("/v1/policies"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/yaml")
			.POST(HttpRequest.BodyPublishers.ofString(yaml))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + TOKEN)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int size(Map<String, String> acknowledged) {
		synchronized (acknowledged) {
			return acknowledged.size();
		}
	}

}
