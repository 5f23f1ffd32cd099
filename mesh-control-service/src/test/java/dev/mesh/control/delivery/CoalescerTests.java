package dev.mesh.control.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
		AtomicLong now = new AtomicLong();
		List<Long> fireTimes = new ArrayList<>();
		ScheduledThreadPoolExecutor recording = new ScheduledThreadPoolExecutor(1) {

			@Override
			public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
				fireTimes.add(now.get() + unit.toNanos(delay));
				// parked far away: the test only reads when the run was asked for
				return super.schedule(command, 1, TimeUnit.HOURS);
			}

		};
		try {
			Coalescer coalescer = new Coalescer(recording, this.runs::incrementAndGet, Duration.ofMillis(100),
					Duration.ofMillis(300), now::get);
			for (long at = 0; at <= 1_000; at += 20) {
				now.set(Duration.ofMillis(at).toNanos());
				coalescer.trigger();
			}
			assertThat(fireTimes).isNotEmpty()
				.allSatisfy((fireAt) -> assertThat(fireAt).isLessThanOrEqualTo(Duration.ofMillis(300).toNanos()));
			assertThat(fireTimes.get(fireTimes.size() - 1)).isEqualTo(Duration.ofMillis(300).toNanos());
		}
		finally {
			recording.shutdownNow();
		}
	}

}
