package dev.mesh.bench.apps.backend;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /payload} of a slow instance ({@code bench.backend.slow=true}): the same 1
 * KiB, answered {@code bench.backend.delay} late. The wait holds no request thread (an
 * asynchronous response completed by a timer), so the instance is slow, not saturated:
 * every request takes the delay however many arrive.
 */
@RestController
@ConditionalOnBooleanProperty(BackendProperties.SLOW)
class SlowPayloadController implements DisposableBean {

	private final Payload payload;

	private final long delayNanos;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "bench-slow-payload");
		thread.setDaemon(true);
		return thread;
	});

	SlowPayloadController(Payload payload, BackendProperties properties) {
		this.payload = payload;
		this.delayNanos = properties.delay().toNanos();
	}

	@GetMapping(path = "/payload", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	CompletableFuture<byte[]> payload() {
		CompletableFuture<byte[]> response = new CompletableFuture<>();
		this.timer.schedule(() -> response.complete(this.payload.serve()), this.delayNanos, TimeUnit.NANOSECONDS);
		return response;
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
