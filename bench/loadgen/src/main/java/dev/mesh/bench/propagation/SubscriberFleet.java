package dev.mesh.bench.propagation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;

/**
 * Lightweight policy subscribers: each holds its own watch stream on the control service,
 * exactly as an app with the starter does ({@code GET /v1/watch/policy} with the workload
 * token), and answers every snapshot it receives with the starter's own acknowledgement
 * (a {@link PolicyAck} posted to {@code /v1/policy/acks} on its own keep-alive
 * connection, one at a time). Unlike an app, a subscriber does not bind the snapshot
 * before it answers: what is measured is the control service's propagation, not N copies
 * of the binder sharing one CPU. One thread serves every connection with non-blocking
 * I/O, so that N subscribers cost the driver little: the suite reports the driver's own
 * CPU to show it.
 */
public final class SubscriberFleet implements AutoCloseable {

	private static final Duration SELECT = Duration.ofMillis(200);

	private final InetSocketAddress address;

	private final String host;

	private final String authorization;

	private final String probeKey;

	private final List<Subscriber> subscribers = new ArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

	private final AtomicLong ackFailures = new AtomicLong();

	private final AtomicLong streamFailures = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final Selector selector;

	private Thread loop;

	private volatile WriteLedger ledger;

	private volatile boolean closing;

	private volatile RuntimeException failure;

	/**
	 * Create the subscribers; nothing is opened yet.
	 * @param base the control service's base URL, {@code http://host:port}
	 * @param workloadToken the workload bearer token
	 * @param identities the subscribers' services and instance ids
	 * @param probeKey the snapshot property whose value tells which write a snapshot
	 * carries
	 * @throws IOException when no selector can be opened
	 */
	public SubscriberFleet(URI base, String workloadToken, List<Identity> identities, String probeKey)
			throws IOException {
		Assert.notEmpty(identities, "'identities' must not be empty");
		Assert.isTrue("http".equals(base.getScheme()), "'base' must be an http:// URL");
		this.address = new InetSocketAddress(base.getHost(), base.getPort());
		this.host = base.getHost() + ":" + base.getPort();
		this.authorization = "Bearer " + workloadToken;
		this.probeKey = probeKey;
		this.selector = Selector.open();
		for (int i = 0; i < identities.size(); i++) {
			this.subscribers.add(new Subscriber(this, i, identities.get(i)));
		}
	}

	/**
	 * Name N subscribers {@code sub-00001…} spread round robin over services
	 * {@code prop-app-01…}, as N instances of a few workloads would be.
	 * @param subscribers how many
	 * @param services over how many services
	 * @return their identities
	 */
	public static List<Identity> identities(int subscribers, int services) {
		Assert.isTrue(subscribers > 0 && services > 0, "'subscribers' and 'services' must be positive");
		List<Identity> identities = new ArrayList<>();
		for (int i = 0; i < subscribers; i++) {
			identities
				.add(new Identity(String.format("prop-app-%02d", i % services + 1), String.format("sub-%05d", i + 1)));
		}
		return identities;
	}

	/**
	 * Open every watch stream and wait until each subscriber acknowledged its first
	 * snapshot, as a starting app does.
	 * @param timeout the longest wait
	 * @throws IOException when a connection cannot be opened
	 * @throws InterruptedException when interrupted
	 * @throws IllegalStateException when not every subscriber got there in time
	 */
	public void open(Duration timeout) throws IOException, InterruptedException {
		WriteLedger initial = expect(-1);
		for (Subscriber subscriber : this.subscribers) {
			subscriber.connect(this.selector);
		}
		this.loop = new Thread(this::serve, "subscribers");
		this.loop.setDaemon(true);
		this.loop.start();
		if (!initial.await(timeout)) {
			throw new IllegalStateException(String.format(
					"%d of %d subscribers did not acknowledge their first snapshot within %s (%d streams failed, "
							+ "%d acknowledgements failed, subscribers' thread: %s)",
					initial.outstanding(), this.subscribers.size(), timeout, this.streamFailures.get(),
					this.ackFailures.get(), (this.failure != null) ? this.failure : "running"));
		}
	}

	/**
	 * Start the bookkeeping of the next write: every snapshot newer than the baseline
	 * belongs to it.
	 * @param baselineVersion the version every subscriber holds now
	 * @return the write's ledger
	 */
	public WriteLedger expect(long baselineVersion) {
		WriteLedger next = new WriteLedger(this.subscribers.size(), baselineVersion);
		this.ledger = next;
		return next;
	}

	public List<Identity> identities() {
		return this.subscribers.stream().map(Subscriber::identity).toList();
	}

	public long ackFailures() {
		return this.ackFailures.get();
	}

	public long streamFailures() {
		return this.streamFailures.get();
	}

	public long unreadableSnapshots() {
		return this.unreadable.get();
	}

	/**
	 * Return why the subscribers' thread stopped, if it did.
	 * @return the failure, or {@code null} while it runs
	 */
	public RuntimeException failure() {
		return this.failure;
	}

	private void serve() {
		try {
			select();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	private void select() {
		long timeout = SELECT.toMillis();
		while (!this.closing) {
			try {
				this.selector.select(timeout);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				if (key.isValid()) {
					((Subscriber.Side) key.attachment()).ready(key, this.buffer);
				}
			}
		}
	}

	/**
	 * The watch request of a subscriber.
	 */
	byte[] watchRequest(Identity identity) {
		String path = DeliveryApi.WATCH + "?" + DeliveryApi.SERVICE_PARAMETER + "=" + encode(identity.service()) + "&"
				+ DeliveryApi.INSTANCE_PARAMETER + "=" + encode(identity.instanceId());
		return ("GET " + path + " HTTP/1.1\r\nHost: " + this.host + "\r\nAuthorization: " + this.authorization
				+ "\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The acknowledgement of a version, as the starter posts it.
	 */
	byte[] ackRequest(Identity identity, long version) {
		byte[] body = this.json
			.writeValueAsBytes(new PolicyAck(identity.instanceId(), identity.service(), version, true, null));
		byte[] head = ("POST " + DeliveryApi.ACKS + " HTTP/1.1\r\nHost: " + this.host + "\r\nAuthorization: "
				+ this.authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		return request;
	}

	InetSocketAddress address() {
		return this.address;
	}

	boolean closing() {
		return this.closing;
	}

	/**
	 * A snapshot arrived on a subscriber's stream: note it in the current write's ledger
	 * and answer it.
	 */
	void snapshot(Subscriber subscriber, String data, long nanos) {
		PolicySnapshot snapshot;
		try {
			snapshot = this.json.readValue(data, PolicySnapshot.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.unreadable.incrementAndGet();
			return;
		}
		WriteLedger current = this.ledger;
		current.received(subscriber.index(), snapshot.version(), nanos, snapshot.properties().get(this.probeKey));
		subscriber.acknowledge(snapshot.version(), current);
	}

	void streamFailed() {
		if (!this.closing) {
			this.streamFailures.incrementAndGet();
		}
	}

	void ackFailed() {
		this.ackFailures.incrementAndGet();
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.closing = true;
		if (this.loop != null) {
			this.selector.wakeup();
			this.loop.join(10_000);
		}
		for (Subscriber subscriber : this.subscribers) {
			subscriber.close();
		}
		this.selector.close();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Who a subscriber is.
	 *
	 * @param service its service
	 * @param instanceId its instance id
	 */
	public record Identity(String service, String instanceId) {

	}

}
