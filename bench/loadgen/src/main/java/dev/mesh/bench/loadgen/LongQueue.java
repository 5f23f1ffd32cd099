package dev.mesh.bench.loadgen;

import java.util.NoSuchElementException;

/**
 * A growable first-in first-out ring of {@code long} values, so that queued intended
 * start times are not boxed. Not thread-safe.
 */
final class LongQueue {

	private long[] values = new long[64];

	private int head;

	private int size;

	void add(long value) {
		if (this.size == this.values.length) {
			long[] grown = new long[this.values.length * 2];
			for (int i = 0; i < this.size; i++) {
				grown[i] = this.values[(this.head + i) % this.values.length];
			}
			this.values = grown;
			this.head = 0;
		}
		this.values[(this.head + this.size) % this.values.length] = value;
		this.size++;
	}

	long poll() {
		if (this.size == 0) {
			throw new NoSuchElementException("the queue is empty");
		}
		long value = this.values[this.head];
		this.head = (this.head + 1) % this.values.length;
		this.size--;
		return value;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	int size() {
		return this.size;
	}

	void clear() {
		this.head = 0;
		this.size = 0;
	}

}
