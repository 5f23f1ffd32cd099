package dev.mesh.bench.loadgen;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;

/**
 * Records the outcome of every request of one phase. Latency runs from the intended start
 * (what a user of the system would see); service time from the moment the request was
 * actually written (what a closed-loop tool would report). Written by one thread at a
 * time.
 */
final class Recorder {

	private final Histogram latency = newHistogram();

	private final Histogram serviceTime = newHistogram();

	private long completed;

	private long non2xx;

	private long failures;

	private long retries;

	private long lastCompletionNanos;

	/**
	 * Record a complete response.
	 * @param intendedStart when the schedule intended to send the request
	 * @param sent when it was written to the connection
	 * @param done when the last byte of the response arrived
	 * @param status the response status
	 */
	void completed(long intendedStart, long sent, long done, int status) {
		this.latency.recordValue(micros(done - intendedStart));
		this.serviceTime.recordValue(micros(done - sent));
		this.completed++;
		if (status < 200 || status > 299) {
			this.non2xx++;
		}
		this.lastCompletionNanos = done;
	}

	/**
	 * Record a request that got no response: the connection failed under it.
	 */
	void failed() {
		this.failures++;
	}

	/**
	 * Record that a request was sent again on a fresh connection because the server had
	 * closed the previous one before answering (an idle keep-alive connection).
	 */
	void retried() {
		this.retries++;
	}

	Histogram latency() {
		return this.latency;
	}

	Histogram serviceTime() {
		return this.serviceTime;
	}

	long completed() {
		return this.completed;
	}

	long non2xx() {
		return this.non2xx;
	}

	long failures() {
		return this.failures;
	}

	long retries() {
		return this.retries;
	}

	long lastCompletionNanos() {
		return this.lastCompletionNanos;
	}

	private static Histogram newHistogram() {
		return Histograms.create();
	}

	private static long micros(long nanos) {
		return Math.min(Histograms.HIGHEST_MICROS, Math.max(1, (nanos + 500) / 1000));
	}

}
