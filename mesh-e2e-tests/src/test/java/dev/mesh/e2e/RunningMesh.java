package dev.mesh.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.awaitility.Awaitility.await;

/**
 * The whole demo mesh on ephemeral loopback ports: the control service, the gateway,
 * storefront, catalog v1 and v2 and two pricing instances, each its own JVM. The control
 * service serves TLS (its default) and requires workload certificates; each workload gets
 * a join token for its service and the control service's root as its trust bundle file.
 */
final class RunningMesh implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, String> joinTokens = new HashMap<>();

	private HttpClient control;

	private Path trustBundle;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, MeshProcess> processes = new LinkedHashMap<>();

	private final Path logs = Path.of(System.getProperty("mesh.e2e.logs", "target/e2e-logs"));

	private final String workloadToken = UUID.randomUUID().toString();

	private final String adminToken = UUID.randomUUID().toString();

	private int controlPort;

	private final List<String> controlArguments;

	private RunningMesh(String... controlArguments) {
		this.controlArguments = List.of(controlArguments);
	}

	static RunningMesh start() throws Exception {
		return start(List.of());
	}

	/**
	 * Start the whole mesh, creating the documents of the given policy files through the
	 * policy API after the control service is up and before the workloads start, as
	 * {@code ./mesh-demo} does.
	 * @param policyFiles multi-document YAML files
	 * @return the running mesh
	 */
	static RunningMesh start(List<Path> policyFiles) throws Exception {
		RunningMesh mesh = new RunningMesh();
		try {
			mesh.startControl();
			for (Path file : policyFiles) {
				mesh.create(file);
			}
			mesh.startAll();
			return mesh;
		}
		catch (Exception | AssertionError ex) {
			mesh.close();
			throw ex;
		}
	}

	/**
	 * Start only the control service, with further arguments, and trust its root.
	 * @param arguments further arguments of the control service
	 * @return the mesh with a control service
	 */
	static RunningMesh startControl(String... arguments) throws Exception {
		RunningMesh mesh = new RunningMesh(arguments);
		try {
			mesh.startControl();
			return mesh;
		}
		catch (Exception | AssertionError ex) {
			mesh.close();
			throw ex;
		}
	}

	private void startControl() throws Exception {
		this.controlPort = freePort();
		startControlProcess("control");
		Path data = dataDirectory();
		await("control service's root").atMost(STARTUP)
			.ignoreExceptions()
			.until(() -> ControlServiceTls.root(data) != null);
		this.control = ControlServiceTls.client(ControlServiceTls.root(data));
		this.trustBundle = ControlServiceTls.trustBundle(ControlServiceTls.root(data),
				this.logs.resolveSibling("trust-bundle-" + this.controlPort + ".pem"));
		await("control service answers").atMost(STARTUP).ignoreExceptions().until(() -> registry() != null);
	}

	private void create(Path policyFile) throws IOException, InterruptedException {
		for (String document : Files.readString(policyFile).split("(?m)^---\\s*$")) {
			if (document.lines().allMatch((line) -> line.isBlank() || line.startsWith("#"))) {
				continue;
			}
			HttpResponse<String> created = admin("POST", "/v1/policies", null, document);
			if (created.statusCode() != 201) {
				throw new IOException("creating a document of " + policyFile + " answered " + created.statusCode()
						+ ": " + created.body());
			}
		}
	}

	/**
	 * Start the control service process (again) on its port, with its data directory.
	 * @param name name of the process, for its log
	 */
	void startControlProcess(String name) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=" + this.controlPort, "--mesh.policy.data-directory=" + dataDirectory()));
		arguments.addAll(this.controlArguments);
		launch(name, "mesh.e2e.control-jar", arguments.toArray(String[]::new));
	}

	private Path dataDirectory() {
		return this.logs.resolveSibling("control-data-" + this.controlPort);
	}

	private void startAll() throws Exception {
		launch("pricing-1", "mesh.e2e.pricing-jar");
		launch("pricing-2", "mesh.e2e.pricing-jar");
		launch("catalog-v1", "mesh.e2e.catalog-jar", "--mesh.version=v1");
		launch("catalog-v2", "mesh.e2e.catalog-jar", "--mesh.version=v2");
		launch("storefront", "mesh.e2e.storefront-jar");
		launch("gateway", "mesh.e2e.gateway-jar");
		await("every program registered").atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertAlive();
			RegistrySnapshot snapshot = registry();
			return snapshot.instances("pricing").size() == 2 && snapshot.instances("catalog").size() == 2
					&& snapshot.instances("storefront").size() == 1 && snapshot.instances("gateway").size() == 1;
		});
		await("gateway and storefront see the shop").atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> view("gateway", "catalog").size() == 2 && view("storefront", "catalog").size() == 2
					&& view("gateway", "storefront").size() == 1);
	}

	/**
	 * Start one more program of the mesh. A workload gets an identity (its service's join
	 * token and the trust bundle) unless the arguments set
	 * {@code --mesh.identity.enabled}.
	 * @param name its name, for its log
	 * @param jarProperty system property naming its jar
	 * @param extra further arguments
	 */
	void launch(String name, String jarProperty, String... extra) throws IOException, InterruptedException {
		boolean control = name.startsWith("control");
		List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--mesh.address=127.0.0.1",
				"--mesh.sync.cache-directory=" + this.logs.resolveSibling("mesh-cache-" + this.controlPort),
				"--management.server.address=127.0.0.1", "--mesh.control.url=" + controlUrl()));
		if (!control && List.of(extra).stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			arguments.add("--server.port=0");
		}
		if (List.of(extra).stream().noneMatch((arg) -> arg.startsWith("--management.server.port="))) {
			arguments.add("--management.server.port=0");
		}
		// Credentials travel in the environment, as the demo passes them.
		Map<String, String> environment = new HashMap<>(Map.of("MESH_POLICY_WORKLOADTOKEN", this.workloadToken,
				"MESH_POLICY_ADMINTOKEN", this.adminToken, "MESH_CONTROL_TOKEN", this.workloadToken));
		boolean identity = List.of(extra).stream().noneMatch((arg) -> arg.startsWith("--mesh.identity.enabled="));
		if (!control && identity) {
			// Each workload proves its service's identity with its own join token
			String service = jarProperty.replace("mesh.e2e.", "").replace("-jar", "");
			arguments
				.addAll(List.of("--mesh.identity.enabled=true", "--mesh.identity.trust-bundle=" + this.trustBundle));
			environment.put("MESH_IDENTITY_JOINTOKEN", joinToken(service));
		}
		arguments.addAll(List.of(extra));
		this.processes.put(name,
				MeshProcess.start(name, jarProperty, this.logs, environment, arguments.toArray(String[]::new)));
	}

	String adminToken() {
		return this.adminToken;
	}

	URI controlUrl() {
		return URI.create("https://127.0.0.1:" + this.controlPort);
	}

	private String joinToken(String service) throws IOException, InterruptedException {
		String token = this.joinTokens.get(service);
		if (token == null) {
			token = ControlServiceTls.mintJoinToken(this.control, controlUrl(), this.adminToken, service);
			this.joinTokens.put(service, token);
		}
		return token;
	}

	int controlPort() {
		return this.controlPort;
	}

	MeshProcess process(String name) {
		return this.processes.get(name);
	}

	RegistrySnapshot registry() throws IOException, InterruptedException {
		return this.json.readValue(get(this.control, controlUrl().resolve("/v1/registry/services")),
				RegistrySnapshot.class);
	}

	/**
	 * Return the base URL of a service's only (or first) instance.
	 * @param service the service
	 * @return its URL
	 */
	URI url(String service) throws IOException, InterruptedException {
		MeshInstance instance = registry().instances(service).get(0);
		return URI.create("http://127.0.0.1:" + instance.port());
	}

	/**
	 * Return the instance ids of a destination as one program sees it, read from that
	 * program's {@code /actuator/mesh} on its management port.
	 * @param viewer the service whose view to read
	 * @param destination the destination service
	 * @return instance ids in the viewer's view
	 */
	List<String> view(String viewer, String destination) throws IOException, InterruptedException {
		MeshInstance instance = registry().instances(viewer).get(0);
		String port = instance.metadata().get("management.port");
		JsonNode instances = this.json
			.readTree(get(URI.create("http://127.0.0.1:" + port + "/actuator/mesh/" + destination)));
		List<String> ids = new ArrayList<>();
		instances.forEach((node) -> ids.add(node.get("instanceId").asString()));
		return ids;
	}

	/**
	 * Call the control service's policy API with the admin token.
	 * @param method HTTP method
	 * @param path path and query
	 * @param ifMatch resourceVersion for If-Match, or {@code null}
	 * @param yaml the body, or {@code null}
	 * @return the response
	 */
	HttpResponse<String> admin(String method, String path, String ifMatch, String yaml)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(controlUrl().resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/yaml")
			.method(method,
					(yaml != null) ? HttpRequest.BodyPublishers.ofString(yaml) : HttpRequest.BodyPublishers.noBody());
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return this.control.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Read one program's {@code /actuator/mesh} from its management port.
	 * @param service the service of the program (its first instance)
	 * @return the endpoint's JSON
	 */
	JsonNode mesh(String service) throws IOException, InterruptedException {
		MeshInstance instance = registry().instances(service).get(0);
		return mesh(Integer.parseInt(instance.metadata().get("management.port")));
	}

	/**
	 * Read {@code /actuator/mesh} from a management port.
	 * @param managementPort the port
	 * @return the endpoint's JSON
	 */
	JsonNode mesh(int managementPort) throws IOException, InterruptedException {
		return this.json.readTree(get(URI.create("http://127.0.0.1:" + managementPort + "/actuator/mesh")));
	}

	HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
		return send(this.http, uri);
	}

	private static HttpResponse<String> send(HttpClient client, URI uri) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	JsonNode json(String body) {
		return this.json.readTree(body);
	}

	private String get(URI uri) throws IOException, InterruptedException {
		return get(this.http, uri);
	}

	private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = send(client, uri);
		if (response.statusCode() != 200) {
			throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private void assertAlive() {
		for (MeshProcess process : this.processes.values()) {
			if (!process.isAlive()) {
				throw new AssertionError(process.name() + " exited during startup:\n" + process.logTail());
			}
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		// The workloads first, so they can deregister; the control service last.
		List<MeshProcess> workloads = this.processes.values()
			.stream()
			.filter((process) -> !process.name().startsWith("control"))
			.toList();
		workloads.forEach(MeshProcess::terminate);
		for (MeshProcess process : workloads) {
			process.awaitExit(Duration.ofSeconds(20));
		}
		for (MeshProcess control : this.processes.values()) {
			if (control.name().startsWith("control")) {
				control.terminate();
				control.awaitExit(Duration.ofSeconds(20));
			}
		}
	}

}
