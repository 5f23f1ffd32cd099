package dev.mesh.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

/**
 * Holds a server-sent event stream of the control service open on one daemon thread and
 * hands each event of one name to a {@link Handler}. When the stream breaks it reconnects
 * with backoff; a stream silent, keepalives included, for longer than the idle timeout is
 * treated as broken. The handler hears of each change of state once, not of every failed
 * attempt, so that an outage is logged once.
 */
public final class EventStreamWatcher {

	private static final Log logger = LogFactory.getLog(EventStreamWatcher.class);

	private final String name;

	private final StreamOpener opener;

	private final String eventName;

	private final Handler handler;

	private final Backoff backoff;

	private final Duration idleTimeout;

	private final Clock clock = Clock.systemUTC();

	private final CountDownLatch firstEvent = new CountDownLatch(1);

	private final CountDownLatch firstAttempt = new CountDownLatch(1);

	private volatile Status status = new Status(State.CONNECTING, null, null);

	private volatile InputStream stream;

	private volatile long lastReceived;

	private volatile boolean running;

	private Thread thread;

	private ScheduledExecutorService watchdog;

	/**
	 * Create a new watcher.
	 * @param name name of the watch thread
	 * @param opener opens the stream
	 * @param eventName name of the events handed to the handler; others are skipped
	 * @param handler receives the events and the changes of state
	 * @param backoff delays between reconnection attempts
	 * @param idleTimeout time without anything received after which the stream is
	 * reopened
	 */
	public EventStreamWatcher(String name, StreamOpener opener, String eventName, Handler handler, Backoff backoff,
			Duration idleTimeout) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(opener, "'opener' must not be null");
		Assert.hasText(eventName, "'eventName' must not be empty");
		Assert.notNull(handler, "'handler' must not be null");
		Assert.notNull(backoff, "'backoff' must not be null");
		Assert.isTrue(idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(),
				"'idleTimeout' must be positive");
		this.name = name;
		this.opener = opener;
		this.eventName = eventName;
		this.handler = handler;
		this.backoff = backoff;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Return the state of the stream.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Start watching on a daemon thread.
	 */
	public void start() {
		this.running = true;
		this.thread = new Thread(this::watchLoop, this.name);
		this.thread.setDaemon(true);
		this.thread.start();
		this.watchdog = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread watchdogThread = new Thread(runnable, this.name + "dog");
			watchdogThread.setDaemon(true);
			return watchdogThread;
		});
		long period = Math.max(10, this.idleTimeout.toMillis() / 3);
		this.watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Wait until the first event has been handled.
	 * @param timeout longest time to wait
	 * @return whether an event was handled in time
	 */
	public boolean awaitFirstEvent(Duration timeout) {
		return await(this.firstEvent, timeout);
	}

	/**
	 * Wait until the first event has been handled or the first attempt failed, whichever
	 * comes first.
	 * @param timeout longest time to wait
	 * @return whether either happened in time
	 */
	public boolean awaitFirstAttempt(Duration timeout) {
		return await(this.firstAttempt, timeout);
	}

	/**
	 * Stop watching and close the stream.
	 */
	public void stop() {
		this.running = false;
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
		closeStream();
		if (this.thread != null) {
			this.thread.interrupt();
		}
		this.status = new Status(State.STOPPED, this.status.lastEvent(), null);
	}

	/**
	 * Return whether the watcher runs.
	 * @return whether it was started and not stopped
	 */
	public boolean isRunning() {
		return this.running;
	}

	private void watchLoop() {
		int failures = 0;
		while (this.running) {
			try {
				InputStream body = this.opener.open();
				this.stream = body;
				this.lastReceived = System.nanoTime();
				failures = 0;
				this.handler.onOpen();
				read(body);
				throw new IOException("the control service closed the stream");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				if (!this.running) {
					return;
				}
				failures++;
				disconnected(ex);
				if (!pause(this.backoff.delay(failures))) {
					return;
				}
			}
			finally {
				closeStream();
			}
		}
	}

	private void read(InputStream body) throws Exception {
		BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		String event = null;
		StringBuilder data = new StringBuilder();
		String line;
		while ((line = reader.readLine()) != null) {
			this.lastReceived = System.nanoTime();
			if (line.isEmpty()) {
				if (this.eventName.equals(event) && !data.isEmpty()) {
					dispatch(data.toString());
				}
				event = null;
				data.setLength(0);
			}
			else if (line.startsWith("event:")) {
				event = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				if (!data.isEmpty()) {
					data.append('\n');
				}
				data.append(line.substring(5).stripLeading());
			}
		}
	}

	private void dispatch(String data) throws Exception {
		Status previous = this.status;
		this.handler.onEvent(data);
		this.status = new Status(State.CONNECTED, this.clock.instant(), null);
		this.firstEvent.countDown();
		this.firstAttempt.countDown();
		if (previous.state() != State.CONNECTED) {
			this.handler.onConnected();
		}
	}

	private void disconnected(Exception ex) {
		Status previous = this.status;
		String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		this.status = new Status(State.DISCONNECTED, previous.lastEvent(), error);
		this.firstAttempt.countDown();
		if (previous.state() != State.DISCONNECTED) {
			this.handler.onDisconnected(error);
		}
		else {
			logger.debug(this.name + " failed again: " + error);
		}
	}

	/**
	 * Close the stream when nothing, not even a keepalive, arrived within the idle
	 * timeout. Called periodically.
	 */
	void checkIdle() {
		InputStream current = this.stream;
		if (current != null && System.nanoTime() - this.lastReceived > this.idleTimeout.toNanos()) {
			logger.debug(this.name + " idle for longer than " + this.idleTimeout + "; reconnecting");
			closeStream();
		}
	}

	private boolean pause(Duration delay) {
		try {
			TimeUnit.MILLISECONDS.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void closeStream() {
		InputStream current = this.stream;
		this.stream = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// Closing is best effort: the loop reconnects either way.
			}
		}
	}

	private static boolean await(CountDownLatch latch, Duration timeout) {
		try {
			return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Opens the event stream.
	 */
	@FunctionalInterface
	public interface StreamOpener {

		/**
		 * Open the stream; its body stays open until the server or the watcher closes it.
		 * @return the body of the stream
		 * @throws IOException when the stream cannot be opened
		 * @throws InterruptedException when interrupted while opening
		 */
		InputStream open() throws IOException, InterruptedException;

	}

	/**
	 * Receives the events of the stream and its changes of state, all on the watch
	 * thread.
	 */
	public interface Handler {

		/**
		 * Called when a stream has been opened, before its first event.
		 * @throws InterruptedException when interrupted
		 */
		default void onOpen() throws InterruptedException {
		}

		/**
		 * Handle one event. An exception breaks the stream, which is then reopened.
		 * @param data the event's data
		 * @throws Exception when the event cannot be handled
		 */
		void onEvent(String data) throws Exception;

		/**
		 * Called once the first event after (re)connecting has been handled.
		 */
		void onConnected();

		/**
		 * Called when the stream was lost or could not be opened, once until it has been
		 * connected again.
		 * @param error what went wrong
		 */
		void onDisconnected(String error);

	}

	/**
	 * State of the stream.
	 *
	 * @param state connection state
	 * @param lastEvent when the last event was handled, {@code null} before the first
	 * @param lastError why the stream last failed, {@code null} when it is connected
	 */
	public record Status(State state, Instant lastEvent, String lastError) {

	}

	/**
	 * Connection states of the stream.
	 */
	public enum State {

		/**
		 * Not connected yet.
		 */
		CONNECTING,

		/**
		 * Connected and receiving events.
		 */
		CONNECTED,

		/**
		 * Connection lost; reconnecting with backoff.
		 */
		DISCONNECTED,

		/**
		 * Stopped with the application.
		 */
		STOPPED

	}

}
