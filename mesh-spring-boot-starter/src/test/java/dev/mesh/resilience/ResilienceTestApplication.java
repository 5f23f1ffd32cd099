package dev.mesh.resilience;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC application with the starter that calls on whatever URL it is asked to
 * ({@code /call}), or works for a while in small interruptible steps ({@code /work}),
 * recording whether its work was stopped.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class ResilienceTestApplication {

	private final RestClient client;

	final AtomicInteger workSteps = new AtomicInteger();

	final AtomicBoolean workStopped = new AtomicBoolean();

	ResilienceTestApplication(RestClient.Builder builder) {
		this.client = builder.build();
	}

	@GetMapping("/call")
	String call(@RequestParam String url) {
		return this.client.get().uri(url).retrieve().body(String.class);
	}

	@GetMapping("/work")
	String work(@RequestParam int millis) throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		try {
			for (int step = 0; step < millis / 10; step++) {
				never.await(10, TimeUnit.MILLISECONDS);
				this.workSteps.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			this.workStopped.set(true);
			throw ex;
		}
		return "worked";
	}

}
