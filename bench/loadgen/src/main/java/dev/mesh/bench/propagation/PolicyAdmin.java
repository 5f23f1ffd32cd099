package dev.mesh.bench.propagation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.SyncState;

/**
 * The benchmark's policy writes and status reads, through the control service's policy
 * API with the admin token: one {@code ServicePolicy} whose route weights alternate
 * between two splits, a change that reaches every workload (every workload may call the
 * destination).
 */
public final class PolicyAdmin {

	/**
	 * The destination the policy is about.
	 */
	public static final String DESTINATION = "bench-target";

	/**
	 * The snapshot property that carries the first subset's weight.
	 */
	public static final String WEIGHT_KEY = "mesh.outbound.destinations[" + DESTINATION
			+ "].routes[0].destinations[0].weight";

	private static final String PATH = "/v1/policies/ServicePolicy/bench/" + DESTINATION;

	private static final String DOCUMENT = """
			apiVersion: mesh.dev/v1
			kind: ServicePolicy
			metadata: {name: %s, namespace: bench}
			spec:
			  subsets:
			    v1: {labels: {version: v1}}
			    v2: {labels: {version: v2}}
			  routes:
			    - destinations: [{subset: v1, weight: %d}, {subset: v2, weight: %d}]
			""";

	private final URI base;

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	public PolicyAdmin(URI base, String adminToken) {
		this.base = base;
		this.authorization = "Bearer " + adminToken;
	}

	/**
	 * Return the policy document with the first subset's weight.
	 * @param weight the first subset's weight, the second gets the rest of 100
	 * @return the YAML document
	 */
	public static String document(int weight) {
		return String.format(DOCUMENT, DESTINATION, weight, 100 - weight);
	}

	/**
	 * Read the policy, creating it with a weight when it does not exist.
	 * @param weight the first subset's weight of a new policy
	 * @return the policy's resourceVersion and first subset's weight
	 * @throws IOException when the control service cannot be called or refuses
	 * @throws InterruptedException when interrupted
	 */
	public Written ensure(int weight) throws IOException, InterruptedException {
		HttpResponse<String> found = send(request(PATH).GET());
		if (found.statusCode() == 200) {
			JsonNode body = this.json.readTree(found.body());
			int current = body.get("document")
				.get("spec")
				.get("routes")
				.get(0)
				.get("destinations")
				.get(0)
				.get("weight")
				.asInt();
			return new Written(body.get("resourceVersion").asLong(), current);
		}
		if (found.statusCode() != 404) {
			throw refused("GET " + PATH, found);
		}
		HttpResponse<String> created = send(request("/v1/policies").header("Content-Type", "application/yaml")
			.POST(HttpRequest.BodyPublishers.ofString(document(weight))));
		if (created.statusCode() != 201) {
			throw refused("POST /v1/policies", created);
		}
		return new Written(this.json.readTree(created.body()).get("resourceVersion").asLong(), weight);
	}

	/**
	 * Replace the policy with a new weight; returns when the 2xx has arrived.
	 * @param weight the first subset's weight
	 * @param ifMatch the resourceVersion the write is based on
	 * @return the new resourceVersion
	 * @throws IOException when the control service cannot be called or refuses
	 * @throws InterruptedException when interrupted
	 */
	public long replace(int weight, long ifMatch) throws IOException, InterruptedException {
		HttpResponse<String> replaced = send(request(PATH).header("Content-Type", "application/yaml")
			.header("If-Match", "\"" + ifMatch + "\"")
			.PUT(HttpRequest.BodyPublishers.ofString(document(weight))));
		if (replaced.statusCode() != 200) {
			throw refused("PUT " + PATH, replaced);
		}
		return this.json.readTree(replaced.body()).get("resourceVersion").asLong();
	}

	/**
	 * Read the delivery status of every instance.
	 * @return each instance's status by instance id
	 * @throws IOException when the control service cannot be called or refuses
	 * @throws InterruptedException when interrupted
	 */
	public Map<String, Status> status() throws IOException, InterruptedException {
		HttpResponse<String> response = send(request(DeliveryApi.STATUS).GET());
		if (response.statusCode() != 200) {
			throw refused("GET " + DeliveryApi.STATUS, response);
		}
		return parseStatus(this.json.readTree(response.body()));
	}

	static Map<String, Status> parseStatus(JsonNode entries) {
		Map<String, Status> status = new HashMap<>();
		for (JsonNode entry : entries) {
			JsonNode lastAck = entry.get("lastAck");
			status.put(entry.get("instanceId").asString(),
					new Status(entry.get("service").asString(), SyncState.valueOf(entry.get("state").asString()),
							entry.get("sentVersion").asLong(), entry.get("appliedVersion").asLong(),
							entry.get("watching").asBoolean(),
							(lastAck != null && !lastAck.isNull()) ? Instant.parse(lastAck.asString()) : null));
		}
		return status;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.header("Authorization", this.authorization)
			.timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private static IOException refused(String call, HttpResponse<String> response) {
		return new IOException(call + " answered HTTP " + response.statusCode() + ": " + response.body());
	}

	/**
	 * The policy as written.
	 *
	 * @param version its resourceVersion
	 * @param weight its first subset's weight
	 */
	public record Written(long version, int weight) {

	}

	/**
	 * One instance's delivery status.
	 *
	 * @param service its service
	 * @param state its state
	 * @param sentVersion the last version sent to it
	 * @param appliedVersion the last version it acknowledged
	 * @param watching whether it holds a watch stream
	 * @param lastAck when the control service received its last answer, or {@code null}
	 */
	public record Status(String service, SyncState state, long sentVersion, long appliedVersion, boolean watching,
			Instant lastAck) {

		/**
		 * Return whether the instance is synced at a version.
		 * @param version the version
		 * @return whether it was sent and acknowledged exactly that version
		 */
		public boolean syncedAt(long version) {
			return this.state == SyncState.SYNCED && this.sentVersion == version && this.appliedVersion == version;
		}

	}

}
