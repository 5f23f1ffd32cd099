package dev.mesh.bench.loadgen;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Hands due requests to idle connections. A request due while every connection is busy
 * waits in a backlog with its intended start time, and is sent by the next connection
 * that finishes: its latency still counts from the intended start, so the time it waited
 * is charged to the system under test, never hidden.
 *
 * @param <C> the connection type
 */
final class Dispatcher<C> {

	private final Deque<C> idle = new ArrayDeque<>();

	private final LongQueue backlog = new LongQueue();

	private int busy;

	private int maxBacklog;

	/**
	 * Add a connection that is ready to send.
	 * @param connection the connection
	 */
	synchronized void add(C connection) {
		this.idle.push(connection);
	}

	/**
	 * Take an idle connection for a request that is due now, or queue the request.
	 * @param intendedStart the request's intended start
	 * @return the connection to send it on, or {@code null} when it was queued
	 */
	synchronized C acquire(long intendedStart) {
		C connection = this.idle.poll();
		if (connection == null) {
			this.backlog.add(intendedStart);
			this.maxBacklog = Math.max(this.maxBacklog, this.backlog.size());
			return null;
		}
		this.busy++;
		return connection;
	}

	/**
	 * Release a connection whose request finished: it either takes the oldest queued
	 * request, whose intended start is returned, or becomes idle.
	 * @param connection the connection
	 * @return the intended start of the queued request to send next on this connection,
	 * or empty when it became idle
	 */
	synchronized OptionalLong release(C connection) {
		if (!this.backlog.isEmpty()) {
			return OptionalLong.of(this.backlog.poll());
		}
		this.idle.push(connection);
		this.busy--;
		notifyAll();
		return OptionalLong.empty();
	}

	/**
	 * Forget a busy connection that cannot be used any more.
	 * @param connection the connection
	 */
	synchronized void discard(C connection) {
		this.busy--;
		notifyAll();
	}

	/**
	 * Take a connection out of the idle set, to repair it.
	 * @param connection the connection
	 * @return whether it was idle, and is now owned by the caller as if acquired
	 */
	synchronized boolean takeIdle(C connection) {
		if (this.idle.remove(connection)) {
			this.busy++;
			return true;
		}
		return false;
	}

	/**
	 * Wait until no request is in flight or queued.
	 * @param deadlineNanos give up at this time on the {@link System#nanoTime()} clock
	 * @return whether everything finished in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized boolean awaitQuiet(long deadlineNanos) throws InterruptedException {
		while (this.busy > 0 || !this.backlog.isEmpty()) {
			long remaining = deadlineNanos - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
		return true;
	}

	/**
	 * Drop every queued request.
	 * @return how many were dropped
	 */
	synchronized int clearBacklog() {
		int dropped = this.backlog.size();
		this.backlog.clear();
		return dropped;
	}

	synchronized int busy() {
		return this.busy;
	}

	synchronized int backlog() {
		return this.backlog.size();
	}

	/**
	 * Return the longest the backlog has been, and reset it.
	 * @return the largest number of queued requests since the last call
	 */
	synchronized int takeMaxBacklog() {
		int max = this.maxBacklog;
		this.maxBacklog = this.backlog.size();
		return max;
	}

}
