package dev.mesh.bench.apps.backend;

import java.util.Arrays;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /payload}: exactly {@value #SIZE} bytes, the same every time, so that every
 * path of the benchmark moves the same response.
 */
@RestController
class PayloadController {

	/**
	 * Size of the response body in bytes.
	 */
	static final int SIZE = 1024;

	private static final byte[] PAYLOAD = filled();

	@GetMapping(path = "/payload", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	byte[] payload() {
		return PAYLOAD;
	}

	private static byte[] filled() {
		byte[] payload = new byte[SIZE];
		Arrays.fill(payload, (byte) 'x');
		return payload;
	}

}
