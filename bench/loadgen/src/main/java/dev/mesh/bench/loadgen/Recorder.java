package dev.mesh.bench.loadgen;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;

/**
 * Records the outcome of every request of one phase. Latency runs from the intended start
 * (what a user of the system would see); service time from the moment the request was
 * actually written (what a closed-loop tool would report). When asked, it also keeps
 * every request that did not succeed, with its time and kind. Written by one thread at a
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

	private final List<RequestError> errors;

	Recorder() {
		this(false);
	}

	/**
	 * Create a recorder.
	 * @param keepErrors whether to keep every request that did not succeed
	 */
	Recorder(boolean keepErrors) {
		this.errors = (keepErrors) ? new ArrayList<>() : null;
	}

	/**
	 * Record a complete response.
	 * @param intendedStart when the schedule intended to send the request
	 * @param sent when it was written to the connection
	 * @param done when the last byte of the response arrived
	 * @param status the response status
	 */
	void completed(long intendedStart, long sent, long done, int status) {
		completed(intendedStart, sent, done, status, null);
	}

	/**
	 * Record a complete response.
	 * @param intendedStart when the schedule intended to send the request
	 * @param sent when it was written to the connection
	 * @param done when the last byte of the response arrived
	 * @param status the response status
	 * @param detail the value of the header naming a failure, or {@code null}
	 */
	void completed(long intendedStart, long sent, long done, int status, String detail) {
		this.latency.recordValue(micros(done - intendedStart));
		this.serviceTime.recordValue(micros(done - sent));
		this.completed++;
		if (status < 200 || status > 299) {
			this.non2xx++;
			keep(intendedStart, done, RequestError.kind(status, detail));
		}
		this.lastCompletionNanos = done;
	}

	/**
	 * Record a request that got no response: the connection failed under it.
	 * @param intendedStart when the schedule intended to send the request
	 * @param now when the failure was seen
	 */
	void failed(long intendedStart, long now) {
		this.failures++;
		keep(intendedStart, now, RequestError.CONNECTION_FAILED);
	}

	private void keep(long intendedStart, long done, String kind) {
		if (this.errors != null) {
			this.errors.add(new RequestError(intendedStart, done, kind));
		}
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

	/**
	 * Return the requests that did not succeed, in the order they were seen.
	 * @return the errors, empty unless they are kept
	 */
	List<RequestError> errors() {
		return (this.errors != null) ? this.errors : List.of();
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
