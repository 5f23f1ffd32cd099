package dev.mesh.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventStreamWatcherTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));

	private final RecordingHandler handler = new RecordingHandler();

	private final AtomicInteger opened = new AtomicInteger();

	private EventStreamWatcher watcher;

	@AfterEach
	void stop() {
		this.watcher.stop();
	}

	@Test
	void handsOverTheDataOfNamedEventsOnlyAndIgnoresComments() {
		String stream = ":keepalive\n\nevent:policy\ndata:one\n\nevent:other\ndata:skipped\n\n"
				+ "event:policy\ndata: two\ndata:lines\n\n";
		start(() -> (this.opened.incrementAndGet() == 1) ? text(stream) : failed(), Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handler.events.size() == 2);
		assertThat(this.handler.events).containsExactly("one", "two\nlines");
		assertThat(this.watcher.awaitFirstEvent(Duration.ZERO)).isTrue();
	}

	@Test
	void reportsEachChangeOfStateOnceNotEveryFailedAttempt() {
		start(() -> (this.opened.incrementAndGet() == 1) ? text("event:policy\ndata:one\n\n") : failed(),
				Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.opened.get() >= 10);
		assertThat(this.handler.connected).hasValue(1);
		assertThat(this.handler.disconnected).hasValue(1);
		EventStreamWatcher.Status status = this.watcher.status();
		assertThat(status.state()).isEqualTo(EventStreamWatcher.State.DISCONNECTED);
		assertThat(status.lastEvent()).isNotNull();
		assertThat(status.lastError()).contains("refused");
	}

	@Test
	void endsTheFirstAttemptWaitOnFailureButNotTheFirstEventWait() {
		start(this::failed, Duration.ofSeconds(30));
		assertThat(this.watcher.awaitFirstAttempt(Duration.ofSeconds(5))).isTrue();
		assertThat(this.watcher.awaitFirstEvent(Duration.ofMillis(50))).isFalse();
	}

	@Test
	void reopensAStreamSilentForLongerThanTheIdleTimeout() {
		start(() -> {
			this.opened.incrementAndGet();
			return new SilentStream();
		}, Duration.ofMillis(60));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.opened.get() >= 3);
	}

	private void start(EventStreamWatcher.StreamOpener opener, Duration idleTimeout) {
		this.watcher = new EventStreamWatcher("test-watch", opener, "policy", this.handler, this.backoff, idleTimeout);
		this.watcher.start();
	}

	private InputStream failed() throws IOException {
		this.opened.incrementAndGet();
		throw new IOException("refused");
	}

	private static InputStream text(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	static class RecordingHandler implements EventStreamWatcher.Handler {

		final List<String> events = new CopyOnWriteArrayList<>();

		final AtomicInteger connected = new AtomicInteger();

		final AtomicInteger disconnected = new AtomicInteger();

		@Override
		public void onEvent(String data) {
			this.events.add(data);
		}

		@Override
		public void onConnected() {
			this.connected.incrementAndGet();
		}

		@Override
		public void onDisconnected(String error) {
			this.disconnected.incrementAndGet();
		}

	}

	/**
	 * A stream that sends nothing until it is closed.
	 */
	static class SilentStream extends InputStream {

		private final CountDownLatch closed = new CountDownLatch(1);

		@Override
		public int read() throws IOException {
			try {
				this.closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("closed");
		}

		@Override
		public void close() {
			this.closed.countDown();
		}

	}

}
