package dev.mesh.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * A control service for tests, speaking the real registry protocol (register, heartbeat,
 * deregister, server-sent snapshots) and policy delivery protocol ({@link #policy()}) on
 * a loopback port.
 */
public final class FakeControlService implements AutoCloseable {

	static {
		// The JDK server delays small responses by ~40 ms without TCP_NODELAY.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	/**
	 * Frame that closes a stream.
	 */
	static final String CLOSE = "";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, MeshInstance> instances = new HashMap<>();

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final List<BlockingQueue<String>> watchers = new CopyOnWriteArrayList<>();

	private final FakePolicyDelivery policy = new FakePolicyDelivery();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpServer server;

	private long revision;

	private final List<String> clientCertificates = new CopyOnWriteArrayList<>();

	private FakeControlService(int port, SSLContext tls, Map<String, HttpHandler> handlers) throws IOException {
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
		if (tls != null) {
			HttpsServer https = HttpsServer.create(address, 0);
			https.setHttpsConfigurator(wantClientCertificates(tls));
			this.server = https;
		}
		else {
			this.server = HttpServer.create(address, 0);
		}
		this.server.setExecutor(this.executor);
		Map<String, HttpHandler> contexts = new HashMap<>(handlers);
		contexts.put(RegistryApi.INSTANCES, this::instances);
		contexts.put(RegistryApi.WATCH, this::watch);
		contexts.put(DeliveryApi.WATCH, this.policy::watch);
		contexts.put(DeliveryApi.ACKS, this.policy::acks);
		Filter recorder = new Filter() {

			@Override
			public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
				FakeControlService.this.clientCertificates.add(exchange.getRequestMethod() + " "
						+ exchange.getRequestURI().getPath() + " " + clientCertificate(exchange));
				chain.doFilter(exchange);
			}

			@Override
			public String description() {
				return "records client certificates";
			}

		};
		contexts.forEach((path, handler) -> this.server.createContext(path, handler).getFilters().add(recorder));
		this.server.start();
	}

	/**
	 * Start on an ephemeral port.
	 * @return the started service
	 */
	public static FakeControlService start() throws IOException {
		return new FakeControlService(0, null, Map.of());
	}

	/**
	 * Start over HTTPS on an ephemeral port, as the control service serves by default:
	 * asking for client certificates without needing them.
	 * @param tls the server's TLS context: its certificate, and the roots client
	 * certificates must chain to
	 * @param handlers further contexts to serve, by path (such as a certificate API)
	 * @return the started service
	 */
	public static FakeControlService startTls(SSLContext tls, Map<String, HttpHandler> handlers) throws IOException {
		return new FakeControlService(0, tls, handlers);
	}

	/**
	 * Start on the given port.
	 * @param port the port
	 * @return the started service
	 */
	public static FakeControlService start(int port) throws IOException {
		return new FakeControlService(port, null, Map.of());
	}

	public URI url() {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return URI.create(scheme + "://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Return, for each request, {@code METHOD path serial}: the serial number (in
	 * hexadecimal) of the client certificate presented in the TLS handshake, or
	 * {@code none}.
	 * @return the requests with their client certificates, oldest first
	 */
	public List<String> clientCertificates() {
		return this.clientCertificates;
	}

	/**
	 * Return a configurator that asks for client certificates without needing them.
	 * @param context the server's TLS context
	 * @return the configurator
	 */
	public static HttpsConfigurator wantClientCertificates(SSLContext context) {
		return new HttpsConfigurator(context) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = context.getDefaultSSLParameters();
				ssl.setWantClientAuth(true);
				parameters.setSSLParameters(ssl);
			}

		};
	}

	/**
	 * Return the serial number of the client certificate of an exchange.
	 * @param exchange the exchange
	 * @return the serial number in hexadecimal, or {@code none} (also over plain HTTP)
	 */
	public static String clientCertificate(HttpExchange exchange) {
		if (exchange instanceof HttpsExchange https) {
			try {
				return ((X509Certificate) https.getSSLSession().getPeerCertificates()[0]).getSerialNumber()
					.toString(16);
			}
			catch (SSLPeerUnverifiedException ex) {
				return "none";
			}
		}
		return "none";
	}

	/**
	 * Return the policy delivery side of the service.
	 * @return the policy delivery
	 */
	public FakePolicyDelivery policy() {
		return this.policy;
	}

	/**
	 * Return the requests received, as {@code METHOD path} lines.
	 * @return the request log
	 */
	public List<String> log() {
		return this.log;
	}

	public synchronized Map<String, MeshInstance> instances() {
		return Map.copyOf(this.instances);
	}

	public synchronized void put(MeshInstance instance) {
		this.instances.put(instance.instanceId(), instance);
		publish();
	}

	public synchronized void remove(String instanceId) {
		this.instances.remove(instanceId);
		publish();
	}

	private synchronized void publish() {
		this.revision++;
		String frame = frame(snapshot());
		this.watchers.forEach((queue) -> queue.add(frame));
	}

	private String frame(RegistrySnapshot snapshot) {
		return "event:" + RegistryApi.SNAPSHOT_EVENT + "\nid:" + snapshot.revision() + "\ndata:"
				+ this.json.writeValueAsString(snapshot) + "\n\n";
	}

	private synchronized RegistrySnapshot snapshot() {
		Map<String, List<MeshInstance>> services = new HashMap<>();
		this.instances.values()
			.forEach((instance) -> services.computeIfAbsent(instance.service(), (key) -> new ArrayList<>())
				.add(instance));
		return new RegistrySnapshot(this.revision, services);
	}

	private void instances(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		this.log.add(method + " " + path);
		String id = path.substring(RegistryApi.INSTANCES.length()).replaceFirst("^/", "").replaceFirst("/.*", "");
		if ("POST".equals(method)) {
			Registration registration = this.json.readValue(exchange.getRequestBody(), Registration.class);
			MeshInstance instance = MeshInstance.from(registration, "generated");
			put(instance);
			respond(exchange, 201, this.json.writeValueAsBytes(new RegistrationResult(instance, 3000)));
		}
		else if ("PUT".equals(method)) {
			respond(exchange, instances().containsKey(id) ? 204 : 404, null);
		}
		else if ("DELETE".equals(method)) {
			boolean known = instances().containsKey(id);
			if (known) {
				remove(id);
			}
			respond(exchange, known ? 204 : 404, null);
		}
		else {
			respond(exchange, 405, null);
		}
	}

	private void watch(HttpExchange exchange) throws IOException {
		this.log.add("GET " + RegistryApi.WATCH);
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		queue.add(frame(snapshot()));
		this.watchers.add(queue);
		try {
			stream(exchange, queue);
		}
		finally {
			this.watchers.remove(queue);
		}
	}

	/**
	 * Write server-sent event frames as they are queued, with keepalive comments while
	 * idle, until {@link #CLOSE} is queued or the client goes away.
	 */
	static void stream(HttpExchange exchange, BlockingQueue<String> frames) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			while (true) {
				String frame = frames.poll(10, TimeUnit.SECONDS);
				if (CLOSE.equals(frame)) {
					return;
				}
				body.write(((frame != null) ? frame : ":keepalive\n\n").getBytes(StandardCharsets.UTF_8));
				body.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		if (body != null) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
		}
		exchange.sendResponseHeaders(status, (body != null) ? body.length : -1);
		if (body != null) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.watchers.forEach((queue) -> queue.add(CLOSE));
		this.policy.disconnect();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
