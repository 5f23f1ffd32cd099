package dev.mesh.bench.apps.backend;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /served}: how many payloads this instance has answered since it started, as
 * plain text, for the benchmark to read before and after a segment.
 */
@RestController
class ServedController {

	private final Payload payload;

	ServedController(Payload payload) {
		this.payload = payload;
	}

	@GetMapping(path = "/served", produces = MediaType.TEXT_PLAIN_VALUE)
	String served() {
		return Long.toString(this.payload.served());
	}

}
