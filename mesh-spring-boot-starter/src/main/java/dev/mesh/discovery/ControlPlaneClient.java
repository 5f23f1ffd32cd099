package dev.mesh.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Blocking client of the control service's registry API, on the JDK's HTTP client so that
 * it works the same in servlet and reactive applications.
 */
class ControlPlaneClient {

	private final URI baseUrl;

	private final Duration requestTimeout;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	ControlPlaneClient(MeshProperties.Control properties) {
		String url = properties.getUrl().toString();
		this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.requestTimeout = properties.getRequestTimeout();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.build();
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	RegistrationResult register(Registration registration) throws IOException, InterruptedException {
		HttpRequest request = request(RegistryApi.INSTANCES).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(this.json.writeValueAsBytes(registration)))
			.build();
		HttpResponse<byte[]> response = this.http.send(request, BodyHandlers.ofByteArray());
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
		HttpResponse<byte[]> response = this.http.send(request, BodyHandlers.ofByteArray());
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
		HttpResponse<byte[]> response = this.http.send(request, BodyHandlers.ofByteArray());
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
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve(RegistryApi.WATCH))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			response.body().close();
			throw new IOException("watch stream refused with HTTP " + response.statusCode());
		}
		return response;
	}

	RegistrySnapshot readSnapshot(String data) {
		try {
			return this.json.readValue(data, RegistrySnapshot.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("unreadable snapshot: " + ex.getOriginalMessage(), ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.baseUrl.resolve(path)).timeout(this.requestTimeout);
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
