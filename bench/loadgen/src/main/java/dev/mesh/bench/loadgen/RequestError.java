package dev.mesh.bench.loadgen;

/**
 * One request that did not succeed, kept when the generator is asked to log errors.
 *
 * @param intendedStartNanos when the schedule intended to send it, on the
 * {@link System#nanoTime()} clock
 * @param doneNanos when the failure was seen, on the same clock
 * @param kind what went wrong, e.g. {@code HTTP 502 ConnectException} (the status and the
 * header naming the failure) or {@code connection to the target failed}
 */
public record RequestError(long intendedStartNanos, long doneNanos, String kind) {

	/**
	 * Kind of a request whose connection to the target failed before a response.
	 */
	public static final String CONNECTION_FAILED = "connection to the target failed";

	/**
	 * Name the kind of a response that was not 2xx.
	 * @param status the status
	 * @param detail the value of the header naming the failure, or {@code null}
	 * @return for example {@code HTTP 502 ConnectException}
	 */
	public static String kind(int status, String detail) {
		return "HTTP " + status + ((detail != null && !detail.isBlank()) ? " " + detail : "");
	}

}
