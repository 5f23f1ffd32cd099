package dev.mesh.bench.loadgen;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Outcome of one phase of an open-loop run.
 *
 * @param rate the scheduled rate, requests per second
 * @param scheduled requests the schedule held
 * @param completed requests that got a complete response (any status)
 * @param non2xx complete responses whose status was not 2xx
 * @param failures requests whose connection failed before the response was complete
 * @param timeouts requests still unanswered (in flight or queued) when the phase gave up
 * waiting
 * @param retries requests sent a second time because an idle keep-alive connection had
 * been closed by the server (their latency still counts from the intended start)
 * @param maxBacklog largest number of due requests that waited for a free connection
 * @param seconds length of the phase, from the first intended start until the last
 * response
 * @param latency latency from the intended start, in microseconds
 * @param serviceTime time from the actual send, in microseconds
 * @param errorLog every request that did not succeed (timeouts excepted), when the
 * generator keeps them; empty otherwise
 */
public record PhaseResult(double rate, long scheduled, long completed, long non2xx, long failures, long timeouts,
		long retries, int maxBacklog, double seconds, Histogram latency, Histogram serviceTime,
		List<RequestError> errorLog) {

	/**
	 * Return every request that did not succeed.
	 * @return non-2xx responses, failures and timeouts
	 */
	public long errors() {
		return this.non2xx + this.failures + this.timeouts;
	}

	/**
	 * Return the rate actually achieved.
	 * @return completed requests per second over the phase
	 */
	public double achievedRate() {
		return (this.seconds > 0) ? this.completed / this.seconds : 0;
	}

}
