package dev.mesh.resilience;

import java.time.Duration;

/**
 * The moment by which a request must be answered. It travels from hop to hop as the
 * remaining time in milliseconds, in the {@value #HEADER} header, so that clock
 * differences between hosts do not matter; each hop turns it back into a moment on its
 * own clock when the request arrives.
 */
public final class MeshDeadline {

	/**
	 * Header carrying the remaining time of a request, in milliseconds.
	 */
	public static final String HEADER = "x-mesh-deadline";

	/**
	 * Key of the deadline in a Reactor context.
	 */
	public static final String CONTEXT_KEY = MeshDeadline.class.getName();

	private static final ThreadLocal<MeshDeadline> CURRENT = new ThreadLocal<>();

	private static final int MAX_DIGITS = 9;

	private final long nanos;

	private MeshDeadline(long nanos) {
		this.nanos = nanos;
	}

	/**
	 * Return the deadline that is a duration from now.
	 * @param remaining time left
	 * @return the deadline
	 */
	public static MeshDeadline in(Duration remaining) {
		return new MeshDeadline(System.nanoTime() + remaining.toNanos());
	}

	/**
	 * Read a deadline header: digits only, at most nine, capped at a maximum. Anything
	 * else is ignored, never evaluated.
	 * @param header the header value, may be {@code null}
	 * @param max the longest deadline accepted; a longer one is shortened to it
	 * @return the deadline, {@code null} when there is none or it is invalid
	 */
	public static MeshDeadline parse(String header, Duration max) {
		if (header == null || header.isEmpty() || header.length() > MAX_DIGITS) {
			return null;
		}
		long millis = 0;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			millis = millis * 10 + (c - '0');
		}
		return in(Duration.ofMillis(Math.min(millis, max.toMillis())));
	}

	/**
	 * Return the deadline of the inbound request this thread is serving.
	 * @return the deadline, {@code null} when there is none
	 */
	public static MeshDeadline current() {
		return CURRENT.get();
	}

	static void setCurrent(MeshDeadline deadline) {
		if (deadline != null) {
			CURRENT.set(deadline);
		}
		else {
			CURRENT.remove();
		}
	}

	/**
	 * Return the moment, on this JVM's {@link System#nanoTime()} clock.
	 * @return the deadline in nanoseconds
	 */
	public long nanos() {
		return this.nanos;
	}

	/**
	 * Return the time left.
	 * @return the time left, negative once it has passed
	 */
	public long remainingNanos() {
		return this.nanos - System.nanoTime();
	}

	/**
	 * Return whether the deadline has passed.
	 * @return whether it has passed
	 */
	public boolean expired() {
		return remainingNanos() <= 0;
	}

	/**
	 * Return the header value that hands the time left on: whole milliseconds, rounded
	 * down, and 0 once the deadline has passed.
	 * @return the header value
	 */
	public String headerValue() {
		return Long.toString(Math.max(0, remainingNanos() / 1_000_000));
	}

	@Override
	public String toString() {
		return "deadline in " + (remainingNanos() / 1_000_000) + " ms";
	}

}
