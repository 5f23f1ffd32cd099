package dev.mesh.test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;

/**
 * The policy delivery side of the {@link FakeControlService}: a policy watch stream per
 * service that sends the service's latest snapshot on connect ({@link #NO_POLICY} before
 * the first push) and each one pushed later, and the endpoint that takes the instances'
 * answers. Records what the instances sent.
 */
public final class FakePolicyDelivery {

	/**
	 * What the stream of a service without policy sends on connect.
	 */
	public static final PolicySnapshot NO_POLICY = new PolicySnapshot(0, Map.of());

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, PolicySnapshot> snapshots = new ConcurrentHashMap<>();

	private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

	private final List<WatchRequest> watchRequests = new CopyOnWriteArrayList<>();

	private final List<PolicyAck> acks = new CopyOnWriteArrayList<>();

	private final AtomicInteger refusedAcks = new AtomicInteger();

	private volatile boolean refuseAcks;

	FakePolicyDelivery() {
	}

	/**
	 * Make a snapshot the service's latest and send it to every instance of the service
	 * that is watching.
	 * @param service the service
	 * @param snapshot the snapshot
	 */
	public void push(String service, PolicySnapshot snapshot) {
		this.snapshots.put(service, snapshot);
		String frame = frame(snapshot);
		this.watchers.stream()
			.filter((watcher) -> watcher.service().equals(service))
			.forEach((watcher) -> watcher.frames().add(frame));
	}

	/**
	 * Return how many instances of a service are watching.
	 * @param service the service
	 * @return the number of open streams
	 */
	public long watching(String service) {
		return this.watchers.stream().filter((watcher) -> watcher.service().equals(service)).count();
	}

	/**
	 * Close every policy stream.
	 */
	public void disconnect() {
		this.watchers.forEach((watcher) -> watcher.frames().add(FakeControlService.CLOSE));
	}

	/**
	 * Answer every ACK or NACK with {@code 503} (and record none), or accept them again.
	 * @param refuse whether to refuse answers
	 */
	public void refuseAcks(boolean refuse) {
		this.refuseAcks = refuse;
	}

	/**
	 * Return how many answers were refused.
	 * @return the count
	 */
	public int refusedAcks() {
		return this.refusedAcks.get();
	}

	public List<WatchRequest> watchRequests() {
		return this.watchRequests;
	}

	public List<PolicyAck> acks() {
		return this.acks;
	}

	void watch(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String service = query.get(DeliveryApi.SERVICE_PARAMETER);
		this.watchRequests.add(new WatchRequest(service, query.get(DeliveryApi.INSTANCE_PARAMETER),
				exchange.getRequestHeaders().getFirst("Authorization")));
		Watcher watcher = new Watcher(service, new LinkedBlockingQueue<>());
		watcher.frames().add(frame(this.snapshots.getOrDefault(service, NO_POLICY)));
		this.watchers.add(watcher);
		try {
			FakeControlService.stream(exchange, watcher.frames());
		}
		finally {
			this.watchers.remove(watcher);
		}
	}

	void acks(HttpExchange exchange) throws IOException {
		if (this.refuseAcks) {
			this.refusedAcks.incrementAndGet();
			FakeControlService.respond(exchange, 503, null);
			return;
		}
		this.acks.add(this.json.readValue(exchange.getRequestBody(), PolicyAck.class));
		FakeControlService.respond(exchange, 204, null);
	}

	private String frame(PolicySnapshot snapshot) {
		return "event:" + DeliveryApi.SNAPSHOT_EVENT + "\nid:" + snapshot.version() + "\ndata:"
				+ this.json.writeValueAsString(snapshot) + "\n\n";
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return parameters;
	}

	/**
	 * One request for a policy watch stream.
	 *
	 * @param service the service parameter
	 * @param instance the instance parameter
	 * @param authorization the {@code Authorization} header, {@code null} without one
	 */
	public record WatchRequest(String service, String instance, String authorization) {

	}

	private record Watcher(String service, BlockingQueue<String> frames) {

	}

}
