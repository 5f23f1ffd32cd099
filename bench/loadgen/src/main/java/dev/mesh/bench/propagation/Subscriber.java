package dev.mesh.bench.propagation;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import dev.mesh.bench.loadgen.ResponseParser;
import dev.mesh.policy.delivery.DeliveryApi;

/**
 * One lightweight subscriber of a {@link SubscriberFleet}: its watch stream, read as
 * server-sent events, and its acknowledgement connection, on which it posts one
 * acknowledgement at a time, in the order the snapshots arrived. Used by the fleet's
 * thread alone, once connected.
 */
final class Subscriber {

	private final SubscriberFleet fleet;

	private final int index;

	private final SubscriberFleet.Identity identity;

	private final ResponseParser streamParser = new ResponseParser(this::body);

	private final LineSplitter lines = new LineSplitter();

	private final EventStreamParser events = new EventStreamParser();

	private final ResponseParser ackParser = new ResponseParser();

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	private SocketChannel stream;

	private SocketChannel ack;

	private SelectionKey ackKey;

	private Pending inFlight;

	private ByteBuffer outgoing;

	Subscriber(SubscriberFleet fleet, int index, SubscriberFleet.Identity identity) {
		this.fleet = fleet;
		this.index = index;
		this.identity = identity;
	}

	int index() {
		return this.index;
	}

	SubscriberFleet.Identity identity() {
		return this.identity;
	}

	/**
	 * Open the watch stream (the request is sent at once) and the acknowledgement
	 * connection, and hand both to the selector.
	 */
	void connect(Selector selector) throws IOException {
		this.stream = open();
		ByteBuffer request = ByteBuffer.wrap(this.fleet.watchRequest(this.identity));
		while (request.hasRemaining()) {
			this.stream.write(request);
		}
		this.stream.configureBlocking(false);
		this.stream.register(selector, SelectionKey.OP_READ, (Side) this::streamReady);
		openAck(selector);
	}

	private SocketChannel open() throws IOException {
		SocketChannel channel = SocketChannel.open(this.fleet.address());
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		return channel;
	}

	private void openAck(Selector selector) throws IOException {
		this.ack = open();
		this.ack.configureBlocking(false);
		this.ackKey = this.ack.register(selector, SelectionKey.OP_READ, (Side) this::ackReady);
		this.ackParser.reset();
	}

	private void streamReady(SelectionKey key, ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = this.stream.read(buffer);
		}
		catch (IOException ex) {
			read = -1;
		}
		if (read < 0) {
			endStream(key);
			return;
		}
		buffer.flip();
		while (buffer.hasRemaining()) {
			boolean ended = this.streamParser.feed(buffer);
			if (ended || (this.streamParser.status() != 0 && this.streamParser.status() != 200)) {
				endStream(key);
				return;
			}
		}
	}

	private void endStream(SelectionKey key) {
		key.cancel();
		closeQuietly(this.stream);
		this.fleet.streamFailed();
	}

	private void body(ByteBuffer bytes) {
		this.lines.feed(bytes, this::line);
	}

	private void line(String line) {
		EventStreamParser.Event event = this.events.line(line);
		if (event != null && DeliveryApi.SNAPSHOT_EVENT.equals(event.name())) {
			this.fleet.snapshot(this, event.data(), System.nanoTime());
		}
	}

	/**
	 * Answer a snapshot, after the answers before it.
	 */
	void acknowledge(long version, WriteLedger ledger) {
		this.queue.add(new Pending(version, ledger));
		if (this.inFlight == null) {
			sendNext();
		}
	}

	private void sendNext() {
		this.inFlight = this.queue.poll();
		if (this.inFlight != null) {
			this.outgoing = ByteBuffer.wrap(this.fleet.ackRequest(this.identity, this.inFlight.version()));
			flush();
		}
	}

	private void flush() {
		try {
			this.ack.write(this.outgoing);
			this.ackKey.interestOps(
					this.outgoing.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
		}
		catch (IOException ex) {
			reconnectAck();
		}
	}

	private void ackReady(SelectionKey key, ByteBuffer buffer) {
		if (key.isWritable() && this.outgoing != null && this.outgoing.hasRemaining()) {
			flush();
		}
		if (!key.isValid() || !key.isReadable()) {
			return;
		}
		buffer.clear();
		int read;
		try {
			read = this.ack.read(buffer);
		}
		catch (IOException ex) {
			read = -1;
		}
		if (read < 0) {
			reconnectAck();
			return;
		}
		buffer.flip();
		while (buffer.hasRemaining()) {
			if (this.ackParser.feed(buffer)) {
				answered(System.nanoTime());
			}
		}
	}

	private void answered(long nanos) {
		Pending done = this.inFlight;
		this.inFlight = null;
		if (done != null && this.ackParser.status() / 100 == 2) {
			done.ledger().acked(this.index, done.version(), nanos);
		}
		else {
			this.fleet.ackFailed();
		}
		boolean close = this.ackParser.closeAfter();
		this.ackParser.reset();
		if (close) {
			reopenAck();
		}
		sendNext();
	}

	/**
	 * The server closed the acknowledgement connection: open another and send the answer
	 * in flight again (an acknowledgement is idempotent), as an HTTP client would.
	 */
	private void reconnectAck() {
		if (this.fleet.closing()) {
			return;
		}
		reopenAck();
		if (this.inFlight != null) {
			this.outgoing = ByteBuffer.wrap(this.fleet.ackRequest(this.identity, this.inFlight.version()));
			flush();
		}
	}

	private void reopenAck() {
		Selector selector = this.ackKey.selector();
		this.ackKey.cancel();
		closeQuietly(this.ack);
		try {
			openAck(selector);
		}
		catch (IOException ex) {
			this.fleet.ackFailed();
			throw new IllegalStateException("cannot reconnect " + this.identity.instanceId(), ex);
		}
	}

	void close() {
		closeQuietly(this.stream);
		closeQuietly(this.ack);
	}

	private static void closeQuietly(SocketChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * What the fleet's selector calls when one of the subscriber's connections is ready.
	 */
	@FunctionalInterface
	interface Side {

		void ready(SelectionKey key, ByteBuffer buffer);

	}

	/**
	 * An answer to send.
	 */
	private record Pending(long version, WriteLedger ledger) {

	}

}
