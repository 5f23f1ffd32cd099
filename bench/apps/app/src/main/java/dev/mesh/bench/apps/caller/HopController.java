package dev.mesh.bench.apps.caller;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /hop/{route}}: one call to the backend through the route, whose body is the
 * response.
 */
@RestController
class HopController {

	private final BackendClient backend;

	HopController(BackendClient backend) {
		this.backend = backend;
	}

	@GetMapping(path = "/hop/{route}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<byte[]> hop(@PathVariable String route) {
		byte[] body = this.backend.fetch(route);
		return (body != null) ? ResponseEntity.ok(body) : ResponseEntity.notFound().build();
	}

}
