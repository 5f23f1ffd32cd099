package dev.mesh.resilience;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A retry budget over a sliding window, as in Finagle and Linkerd: retries may add at
 * most {@code ratio} of the requests plus {@code minRetriesPerSecond} per second of the
 * window. The window is ten slices; a slice that falls out of it is forgotten. The counts
 * change under a lock held for a few arithmetic operations.
 */
final class SlidingRetryBudget {

	private static final int SLICES = 10;

	private final BudgetSettings settings;

	private final long sliceNanos;

	private final LongSupplier clock;

	private final long[] epochs = new long[SLICES];

	private final long[] requests = new long[SLICES];

	private final long[] retries = new long[SLICES];

	SlidingRetryBudget(BudgetSettings settings, LongSupplier clock) {
		this.settings = settings;
		this.sliceNanos = Math.max(1, settings.window().toNanos() / SLICES);
		this.clock = clock;
		Arrays.fill(this.epochs, Long.MIN_VALUE);
	}

	BudgetSettings settings() {
		return this.settings;
	}

	/**
	 * Count one request.
	 */
	synchronized void deposit() {
		this.requests[slice(this.clock.getAsLong())]++;
	}

	/**
	 * Return whether a retry would fit in the budget now, without taking it.
	 * @return whether a retry fits
	 */
	synchronized boolean hasRoom() {
		return left(this.clock.getAsLong()) > 0;
	}

	/**
	 * Take one retry from the budget.
	 * @return whether the retry fits
	 */
	synchronized boolean tryWithdraw() {
		long now = this.clock.getAsLong();
		if (left(now) <= 0) {
			return false;
		}
		this.retries[slice(now)]++;
		return true;
	}

	/**
	 * Give back a retry taken but not made.
	 */
	synchronized void refund() {
		int slice = slice(this.clock.getAsLong());
		if (this.retries[slice] > 0) {
			this.retries[slice]--;
		}
	}

	/**
	 * Return what the window holds now.
	 * @return requests, retries and retries left
	 */
	synchronized Snapshot snapshot() {
		long now = this.clock.getAsLong();
		return new Snapshot(sum(this.requests, now), sum(this.retries, now), Math.max(0, left(now)));
	}

	private long left(long now) {
		long allowed = (long) (this.settings.ratio() * sum(this.requests, now))
				+ this.settings.minRetriesPerSecond() * Math.max(1, this.settings.window().toSeconds());
		return allowed - sum(this.retries, now);
	}

	private long sum(long[] counts, long now) {
		long epoch = Math.floorDiv(now, this.sliceNanos);
		long total = 0;
		for (int i = 0; i < SLICES; i++) {
			long age = epoch - this.epochs[i];
			if (age >= 0 && age < SLICES) {
				total += counts[i];
			}
		}
		return total;
	}

	private int slice(long now) {
		long epoch = Math.floorDiv(now, this.sliceNanos);
		int index = (int) Math.floorMod(epoch, SLICES);
		if (this.epochs[index] != epoch) {
			this.epochs[index] = epoch;
			this.requests[index] = 0;
			this.retries[index] = 0;
		}
		return index;
	}

	/**
	 * What the window holds.
	 *
	 * @param requests requests counted
	 * @param retries retries made
	 * @param left retries still allowed
	 */
	record Snapshot(long requests, long retries, long left) {

	}

}
