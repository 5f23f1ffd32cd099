package dev.mesh.gateway;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway serves and proxies on as many Reactor Netty event loops as its JVM has
 * CPUs, or as {@code mesh.gateway.event-loops} says, unless the user set
 * {@code reactor.netty.ioWorkerCount}. Reactor Netty sizes its loops once per JVM, so
 * each gateway runs in a JVM of its own, started from the main classes and dependencies
 * (without the test classes, which the gateway's component scan would pick up).
 */
class EventLoopsIntegrationTests {

	/**
	 * Name of an event-loop thread of Reactor Netty: its prefix, its transport, a number.
	 */
	private static final Pattern EVENT_LOOP = Pattern.compile(".+-(nio|epoll|io_uring|kqueue)-\\d+");

	private static final int CONNECTIONS = 16;

	private static Backend catalog;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path temp;

	@BeforeAll
	static void startBackend() throws IOException {
		catalog = Backend.start("catalog");
	}

	@AfterAll
	static void stopBackend() {
		catalog.close();
	}

	@Test
	void runsAsManyEventLoopsAsTheJvmHasCpus() throws Exception {
		assertEventLoops(List.of("-XX:ActiveProcessorCount=3"), List.of(), 3);
	}

	@Test
	void runsAsManyEventLoopsAsTheGatewayPropertySays() throws Exception {
		assertEventLoops(List.of("-XX:ActiveProcessorCount=3"), List.of("--mesh.gateway.event-loops=2"), 2);
	}

	@Test
	void keepsTheIoWorkerCountTheUserSet() throws Exception {
		assertEventLoops(List.of("-XX:ActiveProcessorCount=3", "-Dreactor.netty.ioWorkerCount=1"),
				List.of("--mesh.gateway.event-loops=2"), 1);
	}

	private void assertEventLoops(List<String> jvmOptions, List<String> arguments, int loops) throws Exception {
		Process gateway = start(jvmOptions, arguments);
		try {
			int port = port(gateway, "gateway.port");
			int managementPort = port(gateway, "gateway-management.port");
			int before = catalog.requests();
			// One connection each: the server spreads connections over its loops in turn,
			// and the routing client connects to the backend on the loop it is called on
			for (int i = 0; i < CONNECTIONS; i++) {
				assertThat(getOnNewConnection(port, "/catalog/items")).startsWith("HTTP/1.1 200")
					.endsWith("catalog /catalog/items");
			}
			assertThat(catalog.requests() - before).isEqualTo(CONNECTIONS);
			List<String> eventLoops = new ArrayList<>();
			json(managementPort, "/actuator/threaddump").get("threads")
				.forEach((thread) -> eventLoops.add(thread.get("threadName").asString()));
			eventLoops.removeIf((name) -> !EVENT_LOOP.matcher(name).matches());
			// Every event loop of the JVM is one of the global resources' loops: the
			// server's, the routing client's and the DNS resolver's
			assertThat(eventLoops).as(() -> log(gateway))
				.hasSize(loops)
				.allSatisfy((name) -> assertThat(name).startsWith("reactor-http-"));
			assertThat(json(managementPort, "/actuator/mesh").get("gateway").get("eventLoops").asInt())
				.isEqualTo(loops);
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
				gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private Process start(List<String> jvmOptions, List<String> arguments) throws Exception {
		Path testClasses = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
		String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).toAbsolutePath().equals(testClasses.toAbsolutePath()))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-DPORTFILE=" + this.temp.resolve("gateway.port")));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, GatewayApplication.class.getName(),
				"--spring.main.sources=org.springframework.boot.web.server.context.WebServerPortFileWriter",
				"--spring.main.banner-mode=off", "--server.port=0", "--server.address=127.0.0.1",
				"--server.shutdown=immediate", "--spring.reactor.netty.shutdown-quiet-period=0s",
				"--management.server.port=0", "--management.server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=mesh,threaddump", "--mesh.control.enabled=false",
				"--spring.cloud.gateway.server.webflux.routes[0].id=catalog",
				"--spring.cloud.gateway.server.webflux.routes[0].uri=" + catalog.url(),
				"--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/catalog/**"));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("gateway.log").toFile())
			.start();
	}

	private int port(Process gateway, String file) throws IOException {
		Path portFile = this.temp.resolve(file);
		await().atMost(Duration.ofMinutes(3)).until(() -> {
			assertThat(gateway.isAlive()).as(() -> log(gateway)).isTrue();
			return Files.exists(portFile) && Files.readString(portFile).matches("\\d+");
		});
		return Integer.parseInt(Files.readString(portFile));
	}

	private JsonNode json(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(20))
			.build();
		return JsonMapper.builder().build().readTree(this.http.send(request, BodyHandlers.ofString()).body());
	}

	private String log(Process gateway) {
		try {
			return "gateway (" + (gateway.isAlive() ? "running" : "exited") + ") log:\n"
					+ Files.readString(this.temp.resolve("gateway.log"));
		}
		catch (IOException ex) {
			return "no gateway log: " + ex;
		}
	}

	private static String getOnNewConnection(int port, String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
