package dev.mesh.bench.apps.backend;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * The response every backend sends, and how many times it has sent it: the load-balancing
 * benchmark reads the count of each instance ({@code GET /served}) to see where requests
 * went.
 */
@Component
class Payload {

	/**
	 * Size of the response body in bytes.
	 */
	static final int SIZE = 1024;

	private static final byte[] BYTES = filled();

	private final LongAdder served = new LongAdder();

	/**
	 * Count one response and return its body.
	 * @return the body, the same bytes every time
	 */
	byte[] serve() {
		this.served.increment();
		return BYTES;
	}

	long served() {
		return this.served.sum();
	}

	private static byte[] filled() {
		byte[] payload = new byte[SIZE];
		Arrays.fill(payload, (byte) 'x');
		return payload;
	}

}
