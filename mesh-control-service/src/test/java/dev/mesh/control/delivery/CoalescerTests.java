package dev.mesh.control.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescerTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger runs = new AtomicInteger();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void runsOnceForABurstOfTriggers() {
		Coalescer coalescer = new Coalescer(this.scheduler, this.runs::incrementAndGet, Duration.ofMillis(100),
				Duration.ofSeconds(5));
		for (int i = 0; i < 20; i++) {
			coalescer.trigger();
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> this.runs.get() == 1);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> this.runs.get() == 1);
	}

	@Test
	void neverDelaysPastTheMaximumWhileTriggersKeepComing() {
		Coalescer coalescer = new Coalescer(this.scheduler, this.runs::incrementAndGet, Duration.ofMillis(100),
				Duration.ofMillis(300));
		long start = System.nanoTime();
		long firstRunAfter = -1;
		while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
			coalescer.trigger();
			if (firstRunAfter < 0 && this.runs.get() > 0) {
				firstRunAfter = (System.nanoTime() - start) / 1_000_000;
			}
			Thread.onSpinWait();
		}
		assertThat(firstRunAfter).as("first push while triggers never pause").isBetween(0L, 700L);
		assertThat(this.runs.get()).isGreaterThanOrEqualTo(3);
	}

}
