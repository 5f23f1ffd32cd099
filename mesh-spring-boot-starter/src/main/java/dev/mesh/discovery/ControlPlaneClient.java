package dev.mesh.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.core.MeshProperties;
import dev.mesh.identity.ControlPlaneTls;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Blocking client of the control service's registry API, on the JDK's HTTP client so that
 * it works the same in servlet and reactive applications. With a workload identity every
 * call takes its HTTP client from {@code dev.mesh.identity.ControlPlaneTls} (HTTPS, the
 * control service verified against the trust bundle, this workload's certificate
 * presented); without one it uses a plain JDK client and {@code mesh.control.token}.
 */
public class ControlPlaneClient {

	private static final Log logger = LogFactory.getLog(ControlPlaneClient.class);

	private final URI baseUrl;

	private final Duration requestTimeout;

	private final Supplier<HttpClient> http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final String authorization;

	/**
	 * Create a client without a workload identity: plain HTTP (with a warning) or HTTPS
	 * trusting the JDK's certificate authorities.
	 * @param properties the control service's settings
	 */
	ControlPlaneClient(MeshProperties.Control properties) {
		this(properties, plainClient(properties));
		if ("http".equalsIgnoreCase(properties.getUrl().getScheme())) {
			logger.warn("Talking to the control service at " + properties.getUrl() + " over plain HTTP without a "
					+ "workload identity: the registry and policy streams are neither encrypted nor authenticated "
					+ "beyond mesh.control.token; set mesh.identity.enabled=true and an https mesh.control.url");
		}
	}

	/**
	 * Create a client whose calls each take the HTTP client from a supplier.
	 * @param properties the control service's settings
	 * @param http supplies the HTTP client of each call; may throw
	 * {@link UncheckedIOException} when no call can be made yet
	 */
	ControlPlaneClient(MeshProperties.Control properties, Supplier<HttpClient> http) {
		String url = properties.getUrl().toString();
		this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.requestTimeout = properties.getRequestTimeout();
		this.authorization = (properties.getToken() != null) ? "Bearer " + properties.getToken() : null;
		this.http = http;
	}

	private static Supplier<HttpClient> plainClient(MeshProperties.Control properties) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.build();
		return () -> client;
	}

	/**
	 * Return the base URL of the control service.
	 * @return the base URL
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	RegistrationResult register(Registration registration) throws IOException, InterruptedException {
		HttpRequest request = request(RegistryApi.INSTANCES).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(this.json.writeValueAsBytes(registration)))
			.build();
		HttpResponse<byte[]> response = send(request, BodyHandlers.ofByteArray());
		if (response.statusCode() != 200 && response.statusCode() != 201) {
			throw rejected("registration", response);
		}
		return read(response.body(), RegistrationResult.class);
	}

	/**
	 * Renew the lease of an instance.
	 * @param instanceId the instance
	 * @return {@code false} when the control service does not know the instance
	 */
	boolean heartbeat(String instanceId) throws IOException, InterruptedException {
		HttpRequest request = request(RegistryApi.HEARTBEAT.replace("{instanceId}", encode(instanceId)))
			.PUT(BodyPublishers.noBody())
			.build();
		HttpResponse<byte[]> response = send(request, BodyHandlers.ofByteArray());
		if (response.statusCode() == 404) {
			return false;
		}
		if (response.statusCode() / 100 != 2) {
			throw rejected("heartbeat", response);
		}
		return true;
	}

	void deregister(String instanceId) throws IOException, InterruptedException {
		HttpRequest request = request(RegistryApi.INSTANCE.replace("{instanceId}", encode(instanceId))).DELETE()
			.build();
		HttpResponse<byte[]> response = send(request, BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
			throw rejected("deregistration", response);
		}
	}

	/**
	 * Open the watch stream. The response body stays open until the server or the caller
	 * closes it; there is deliberately no request timeout.
	 * @return the streaming response
	 */
	HttpResponse<InputStream> watch() throws IOException, InterruptedException {
		return stream(RegistryApi.WATCH);
	}

	/**
	 * Open a server-sent event stream. The response body stays open until the server or
	 * the caller closes it; there is deliberately no request timeout.
	 * @param pathAndQuery path and query of the stream, relative to the control service
	 * @return the streaming response
	 * @throws IOException when the stream cannot be opened
	 * @throws InterruptedException when interrupted while opening
	 */
	public HttpResponse<InputStream> stream(String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = authorized(HttpRequest.newBuilder(this.baseUrl.resolve(pathAndQuery)))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<InputStream> response = send(request, BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			response.body().close();
			throw new IOException(pathAndQuery + " refused with HTTP " + response.statusCode());
		}
		return response;
	}

	RegistrySnapshot readSnapshot(String data) {
		return readJson(data, RegistrySnapshot.class);
	}

	/**
	 * Send a JSON body and expect a 2xx answer.
	 * @param path path of the call
	 * @param body the body, serialized as JSON
	 * @throws IOException when the call fails or is refused
	 * @throws InterruptedException when interrupted
	 */
	public void post(String path, Object body) throws IOException, InterruptedException {
		HttpRequest request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
			.build();
		HttpResponse<byte[]> response = send(request, BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2) {
			throw rejected("call to " + path, response);
		}
	}

	/**
	 * Read a JSON value.
	 * @param <T> the type to read
	 * @param data the JSON text
	 * @param type the type to read
	 * @return the value
	 * @throws IllegalArgumentException when the text does not read as the type
	 */
	public <T> T readJson(String data, Class<T> type) {
		try {
			return this.json.readValue(data, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		return authorized(HttpRequest.newBuilder(this.baseUrl.resolve(path)).timeout(this.requestTimeout));
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
		return (this.authorization != null) ? builder.header("Authorization", this.authorization) : builder;
	}

	private <T> T read(byte[] body, Class<T> type) throws IOException {
		try {
			return this.json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new IOException("unreadable answer from the control service: " + ex.getOriginalMessage(), ex);
		}
	}

	private ControlPlaneRejectedException rejected(String what, HttpResponse<byte[]> response) {
		String reason;
		try {
			ApiError error = this.json.readValue(response.body(), ApiError.class);
			reason = error.message() + (error.violations().isEmpty() ? "" : " " + error.violations());
		}
		catch (JacksonException ex) {
			reason = "HTTP " + response.statusCode();
		}
		return new ControlPlaneRejectedException(
				"control service rejected the " + what + " (HTTP " + response.statusCode() + "): " + reason,
				response.statusCode());
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		HttpClient client;
		try {
			client = this.http.get();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		try {
			return client.send(request, body);
		}
		catch (SSLHandshakeException ex) {
			throw ControlPlaneTls.handshakeFailed(this.baseUrl, ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
