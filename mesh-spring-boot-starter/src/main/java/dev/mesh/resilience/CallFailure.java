package dev.mesh.resilience;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.TimeoutException;

/**
 * How an attempt failed without a response.
 */
public enum CallFailure {

	/**
	 * The connection could not be made (refused, no route, connect timeout): the request
	 * never reached the instance.
	 */
	CONNECT_FAILURE,

	/**
	 * The connection broke (reset, closed early) before a response came.
	 */
	RESET,

	/**
	 * The attempt outlived its per-try timeout.
	 */
	TIMEOUT,

	/**
	 * The caller gave up (interrupted or cancelled): nothing is learnt about the
	 * destination.
	 */
	CANCELLED,

	/**
	 * Anything else, such as a request that could not be written: never retried.
	 */
	OTHER;

	/**
	 * Classify the failure of an attempt by its exception and causes.
	 * @param failure what the client threw
	 * @return the kind of failure
	 */
	public static CallFailure of(Throwable failure) {
		boolean io = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof HttpConnectTimeoutException) {
				return CONNECT_FAILURE;
			}
			// A socket timeout is an InterruptedIOException too: test it first.
			if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
				return TIMEOUT;
			}
			if (cause instanceof InterruptedException || cause instanceof InterruptedIOException
					|| cause instanceof ClosedByInterruptException) {
				return CANCELLED;
			}
			io |= cause instanceof IOException;
		}
		return io ? RESET : OTHER;
	}

}
