package dev.mesh.bench.apps.backend;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /payload}: exactly {@value Payload#SIZE} bytes, the same every time, so that
 * every path of the benchmark moves the same response. Replaced by
 * {@link SlowPayloadController} when {@code bench.backend.slow=true}.
 */
@RestController
@ConditionalOnBooleanProperty(name = BackendProperties.SLOW, havingValue = false, matchIfMissing = true)
class PayloadController {

	private final Payload payload;

	PayloadController(Payload payload) {
		this.payload = payload;
	}

	@GetMapping(path = "/payload", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	byte[] payload() {
		return this.payload.serve();
	}

}
