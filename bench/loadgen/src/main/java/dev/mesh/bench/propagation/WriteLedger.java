package dev.mesh.bench.propagation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.springframework.util.Assert;

/**
 * What every subscriber did with one policy write: when it received a snapshot newer than
 * the version before the write, what the snapshot carried, and when its acknowledgement
 * was answered. The write's own version and the moment of its 2xx are only known once the
 * write returns, and a push may in principle arrive before that, so receipts are kept as
 * absolute times and turned into latencies afterwards.
 */
public final class WriteLedger {

	private static final long NONE = Long.MIN_VALUE;

	private final long baselineVersion;

	private final long[] versions;

	private final long[] receivedNanos;

	private final long[] ackedNanos;

	private final String[] values;

	private final CountDownLatch pending;

	/**
	 * Expect one snapshot per subscriber, newer than a version.
	 * @param subscribers how many subscribers
	 * @param baselineVersion the version every subscriber has before the write; any newer
	 * snapshot belongs to the write
	 */
	public WriteLedger(int subscribers, long baselineVersion) {
		Assert.isTrue(subscribers > 0, "'subscribers' must be positive");
		this.baselineVersion = baselineVersion;
		this.versions = new long[subscribers];
		this.receivedNanos = new long[subscribers];
		this.ackedNanos = new long[subscribers];
		this.values = new String[subscribers];
		Arrays.fill(this.receivedNanos, NONE);
		Arrays.fill(this.ackedNanos, NONE);
		this.pending = new CountDownLatch(subscribers);
	}

	public int subscribers() {
		return this.versions.length;
	}

	/**
	 * A subscriber received a snapshot; only its first one newer than the baseline
	 * counts.
	 * @param subscriber the subscriber's index
	 * @param version the snapshot's version
	 * @param nanos when it arrived, on the {@link System#nanoTime()} clock
	 * @param value the value of the property the benchmark changes, or {@code null}
	 * @return whether the snapshot belongs to this write
	 */
	public synchronized boolean received(int subscriber, long version, long nanos, String value) {
		if (version <= this.baselineVersion || this.receivedNanos[subscriber] != NONE) {
			return false;
		}
		this.versions[subscriber] = version;
		this.receivedNanos[subscriber] = nanos;
		this.values[subscriber] = value;
		return true;
	}

	/**
	 * A subscriber's acknowledgement of a snapshot of this write was answered 2xx.
	 * @param subscriber the subscriber's index
	 * @param version the version acknowledged
	 * @param nanos when the answer arrived, on the {@link System#nanoTime()} clock
	 */
	public void acked(int subscriber, long version, long nanos) {
		synchronized (this) {
			if (version <= this.baselineVersion || this.ackedNanos[subscriber] != NONE) {
				return;
			}
			this.ackedNanos[subscriber] = nanos;
		}
		this.pending.countDown();
	}

	/**
	 * Wait until every subscriber's acknowledgement was answered.
	 * @param timeout the longest wait
	 * @return whether all were
	 * @throws InterruptedException when interrupted
	 */
	public boolean await(Duration timeout) throws InterruptedException {
		return this.pending.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	public long outstanding() {
		return this.pending.getCount();
	}

	/**
	 * Turn the receipts into latencies from the write's 2xx and add them to histograms
	 * (microseconds).
	 * @param version the version the write got
	 * @param responseNanos when its 2xx arrived, on the {@link System#nanoTime()} clock
	 * @param expectedValue the value the changed property must have
	 * @param ackLatency where each subscriber's 2xx-to-acknowledged time goes
	 * @param receiveLatency where each subscriber's 2xx-to-received time goes
	 * @return the write's outcome
	 */
	public synchronized Outcome outcome(long version, long responseNanos, String expectedValue, Histogram ackLatency,
			Histogram receiveLatency) {
		int acked = 0;
		int wrongVersion = 0;
		int wrongValue = 0;
		int early = 0;
		long firstReceived = Long.MAX_VALUE;
		long lastReceived = 0;
		long allAcked = 0;
		for (int i = 0; i < this.versions.length; i++) {
			if (this.receivedNanos[i] == NONE) {
				continue;
			}
			if (this.versions[i] != version) {
				wrongVersion++;
			}
			if (!Objects.equals(this.values[i], expectedValue)) {
				wrongValue++;
			}
			long received = micros(this.receivedNanos[i] - responseNanos);
			if (received < 0) {
				early++;
			}
			received = Math.max(received, 0);
			receiveLatency.recordValue(clamp(received, receiveLatency));
			firstReceived = Math.min(firstReceived, received);
			lastReceived = Math.max(lastReceived, received);
			if (this.ackedNanos[i] != NONE) {
				long ack = Math.max(micros(this.ackedNanos[i] - responseNanos), 0);
				ackLatency.recordValue(clamp(ack, ackLatency));
				allAcked = Math.max(allAcked, ack);
				acked++;
			}
		}
		boolean complete = acked == this.versions.length;
		return new Outcome(this.versions.length, acked, wrongVersion, wrongValue, early,
				(firstReceived == Long.MAX_VALUE) ? -1 : firstReceived,
				(firstReceived == Long.MAX_VALUE) ? -1 : lastReceived, complete ? allAcked : -1);
	}

	private static long micros(long nanos) {
		return Math.floorDiv(nanos, 1000);
	}

	private static long clamp(long value, Histogram histogram) {
		return Math.min(value, histogram.getHighestTrackableValue());
	}

	/**
	 * What became of one write.
	 *
	 * @param subscribers how many subscribers were expected to acknowledge it
	 * @param acked how many did
	 * @param wrongVersion how many received a version other than the write's
	 * @param wrongValue how many received a snapshot without the write's change
	 * @param beforeResponse how many received it before the write's 2xx arrived (counted
	 * as 0 µs)
	 * @param firstReceivedMicros the first receipt after the 2xx, or -1
	 * @param lastReceivedMicros the last receipt after the 2xx, or -1
	 * @param allAckedMicros when the last acknowledgement was answered, or -1 if not all
	 * were
	 */
	public record Outcome(int subscribers, int acked, int wrongVersion, int wrongValue, int beforeResponse,
			long firstReceivedMicros, long lastReceivedMicros, long allAckedMicros) {

		/**
		 * Return whether every subscriber acknowledged the write's version with its
		 * change.
		 * @return whether the write propagated correctly
		 */
		public boolean complete() {
			return this.acked == this.subscribers && this.wrongVersion == 0 && this.wrongValue == 0;
		}

	}

}
