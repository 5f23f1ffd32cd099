package dev.mesh.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

/**
 * Open-loop HTTP/1.1 load generator: requests leave on a fixed-rate {@link Schedule}
 * whatever the server does, over a bounded pool of keep-alive connections, and each is
 * measured from its intended start. The calling thread paces the sends (parking, then
 * spinning the last {@value #SPIN_NANOS} ns so that sends leave on time); one I/O thread
 * reads every response, so a slow response never delays a later send. Optionally, every
 * request that does not succeed is kept with its time and kind
 * ({@link PhaseResult#errorLog()}).
 */
public final class OpenLoopGenerator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(OpenLoopGenerator.class);

	private static final long SPIN_NANOS = 100_000;

	private final InetSocketAddress address;

	private final ByteBuffer request;

	private final int connectionCount;

	private final String errorHeader;

	private final boolean keepErrors;

	private final List<HttpConnection> connections = new ArrayList<>();

	private final Dispatcher<HttpConnection> dispatcher = new Dispatcher<>();

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private volatile Recorder recorder = new Recorder();

	private volatile boolean running;

	private Selector selector;

	private Thread ioThread;

	/**
	 * Create a generator for GET requests to one URL.
	 * @param target the URL, {@code http} only
	 * @param connections the number of keep-alive connections
	 */
	public OpenLoopGenerator(URI target, int connections) {
		this(target, connections, false, null);
	}

	/**
	 * Create a generator for GET requests to one URL that keeps every request that does
	 * not succeed.
	 * @param target the URL, {@code http} only
	 * @param connections the number of keep-alive connections
	 * @param errorHeader the response header that names a failure (its value becomes part
	 * of the error's kind), or {@code null}
	 * @return the generator
	 */
	public static OpenLoopGenerator keepingErrors(URI target, int connections, String errorHeader) {
		return new OpenLoopGenerator(target, connections, true, errorHeader);
	}

	private OpenLoopGenerator(URI target, int connections, boolean keepErrors, String errorHeader) {
		Assert.isTrue("http".equals(target.getScheme()), "'target' must be an http URL");
		Assert.isTrue(connections > 0, "'connections' must be positive");
		int port = (target.getPort() != -1) ? target.getPort() : 80;
		this.address = new InetSocketAddress(target.getHost(), port);
		String path = ((target.getRawPath() != null && !target.getRawPath().isEmpty()) ? target.getRawPath() : "/")
				+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "");
		String text = "GET " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + port
				+ "\r\nUser-Agent: mesh-bench-loadgen\r\nAccept: */*\r\n\r\n";
		this.request = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
		this.connectionCount = connections;
		this.keepErrors = keepErrors;
		this.errorHeader = errorHeader;
	}

	/**
	 * Open every connection and start the I/O thread.
	 * @throws IOException if the server cannot be reached
	 */
	public void open() throws IOException {
		this.selector = Selector.open();
		for (int i = 0; i < this.connectionCount; i++) {
			HttpConnection connection = new HttpConnection(this.address, this.errorHeader);
			connection.connect(this.selector);
			this.connections.add(connection);
			this.dispatcher.add(connection);
		}
		this.running = true;
		this.ioThread = new Thread(this::ioLoop, "loadgen-io");
		this.ioThread.setDaemon(true);
		this.ioThread.start();
	}

	/**
	 * Run one phase: send at a fixed rate for a while, then wait for the last responses.
	 * @param rate requests per second
	 * @param duration how long to send
	 * @param drainTimeout how long to wait for the responses after the last send; what is
	 * still unanswered then counts as timed out
	 * @return the outcome
	 * @throws InterruptedException if interrupted
	 */
	public PhaseResult run(double rate, Duration duration, Duration drainTimeout) throws InterruptedException {
		Assert.state(this.running, "the generator is not open");
		Recorder phase = new Recorder(this.keepErrors);
		this.recorder = phase;
		this.dispatcher.takeMaxBacklog();
		Schedule schedule = Schedule.of(rate, duration, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1));
		for (long i = 0; i < schedule.count(); i++) {
			long intended = schedule.intendedStart(i);
			waitUntil(intended);
			HttpConnection connection = this.dispatcher.acquire(intended);
			if (connection != null) {
				sendFromScheduler(connection, intended);
			}
		}
		boolean quiet = this.dispatcher.awaitQuiet(System.nanoTime() + drainTimeout.toNanos());
		long end = System.nanoTime();
		long timeouts = (quiet) ? 0 : resetStuck();
		long last = (phase.completed() > 0) ? Math.max(phase.lastCompletionNanos(), schedule.endNanos())
				: schedule.endNanos();
		double seconds = ((quiet) ? last : end) - schedule.startNanos();
		return new PhaseResult(rate, schedule.count(), phase.completed(), phase.non2xx(), phase.failures(), timeouts,
				phase.retries(), this.dispatcher.takeMaxBacklog(), seconds / 1e9, phase.latency(), phase.serviceTime(),
				phase.errors());
	}

	@Override
	public void close() {
		this.running = false;
		if (this.selector != null) {
			this.selector.wakeup();
		}
		if (this.ioThread != null) {
			try {
				this.ioThread.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.connections.forEach(HttpConnection::close);
		if (this.selector != null) {
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				logger.debug("Failed to close the selector", ex);
			}
		}
	}

	private static void waitUntil(long deadline) {
		long remaining = deadline - System.nanoTime();
		while (remaining > SPIN_NANOS) {
			LockSupport.parkNanos(remaining - SPIN_NANOS);
			remaining = deadline - System.nanoTime();
		}
		while (System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

	private void sendFromScheduler(HttpConnection connection, long intended) {
		SocketChannel channel = connection.channel();
		try {
			connection.send(intended, this.request);
		}
		catch (IOException ex) {
			this.tasks.add(() -> {
				if (connection.channel() == channel) {
					lost(connection);
				}
			});
			this.selector.wakeup();
		}
	}

	private void ioLoop() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		while (this.running) {
			try {
				this.selector.select(100);
			}
			catch (IOException ex) {
				logger.error("The selector failed: the load generator stops reading", ex);
				return;
			}
			Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				HttpConnection connection = (HttpConnection) key.attachment();
				if (key.isValid() && key.channel() == connection.channel()) {
					readable(connection, buffer);
				}
			}
			Runnable task = this.tasks.poll();
			while (task != null) {
				task.run();
				task = this.tasks.poll();
			}
		}
	}

	private void readable(HttpConnection connection, ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = connection.channel().read(buffer);
		}
		catch (IOException ex) {
			read = -1;
		}
		if (read < 0) {
			if (connection.inFlight() && connection.parser().endOfStream()) {
				completed(connection);
				return;
			}
			lost(connection);
			return;
		}
		buffer.flip();
		if (!connection.inFlight()) {
			return;
		}
		try {
			if (connection.parser().feed(buffer)) {
				completed(connection);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Invalid response: " + ex.getMessage());
			connection.retried(true);
			lost(connection);
		}
	}

	private void completed(HttpConnection connection) {
		ResponseParser parser = connection.parser();
		this.recorder.completed(connection.intendedStart(), connection.sentAt(), System.nanoTime(), parser.status(),
				parser.header());
		boolean close = parser.closeAfter();
		connection.finished();
		connection.retried(false);
		if (close && !reconnect(connection)) {
			this.dispatcher.discard(connection);
			return;
		}
		next(connection);
	}

	private void next(HttpConnection connection) {
		OptionalLong queued = this.dispatcher.release(connection);
		if (queued.isPresent()) {
			try {
				connection.send(queued.getAsLong(), this.request);
			}
			catch (IOException ex) {
				lost(connection);
			}
		}
	}

	private void lost(HttpConnection connection) {
		if (connection.inFlight()) {
			boolean retry = !connection.parser().started() && !connection.retried();
			long intended = connection.intendedStart();
			connection.finished();
			if (!reconnect(connection)) {
				this.recorder.failed(intended, System.nanoTime());
				this.dispatcher.discard(connection);
				return;
			}
			if (retry) {
				connection.retried(true);
				this.recorder.retried();
				try {
					connection.send(intended, this.request);
				}
				catch (IOException ex) {
					lost(connection);
				}
				return;
			}
			this.recorder.failed(intended, System.nanoTime());
			connection.retried(false);
			next(connection);
		}
		else if (this.dispatcher.takeIdle(connection)) {
			if (!reconnect(connection)) {
				this.dispatcher.discard(connection);
				return;
			}
			next(connection);
		}
		// else the scheduler has just taken it: the closed socket is reported again
	}

	private boolean reconnect(HttpConnection connection) {
		try {
			connection.connect(this.selector);
			return true;
		}
		catch (IOException ex) {
			logger.warn("Cannot reconnect to " + this.address + ": " + ex.getMessage());
			return false;
		}
	}

	private long resetStuck() {
		CompletableFuture<Long> reset = new CompletableFuture<>();
		this.tasks.add(() -> {
			long stuck = this.dispatcher.clearBacklog();
			for (HttpConnection connection : this.connections) {
				if (connection.inFlight()) {
					stuck++;
					connection.finished();
					if (reconnect(connection)) {
						next(connection);
					}
					else {
						this.dispatcher.discard(connection);
					}
				}
			}
			reset.complete(stuck);
		});
		this.selector.wakeup();
		try {
			return reset.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The I/O thread did not reset the stuck connections", ex);
		}
	}

}
