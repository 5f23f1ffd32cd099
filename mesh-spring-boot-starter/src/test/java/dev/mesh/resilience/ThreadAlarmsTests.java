package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadAlarms}.
 */
class ThreadAlarmsTests {

	@Test
	void interruptsTheThreadWhenTheTimePassesAndClearsItOnStop() {
		ThreadAlarms.Alarm alarm = ThreadAlarms.start(Duration.ofMillis(10));
		assertThatExceptionOfType(InterruptedException.class)
			.isThrownBy(() -> ThreadAlarms.pause(Duration.ofSeconds(30)));
		assertThat(alarm.stop()).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void anAlarmStoppedInTimeNeitherInterruptsNorStaysQueued() {
		List<ThreadAlarms.Alarm> alarms = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			alarms.add(ThreadAlarms.start(Duration.ofHours(1)));
		}
		assertThat(ThreadAlarms.pending()).isGreaterThanOrEqualTo(1000);
		alarms.forEach((alarm) -> assertThat(alarm.stop()).isFalse());
		// Other alarms of this JVM are short-lived and few; a queue that kept the stopped
		// ones would still hold all 1,000 for an hour
		assertThat(ThreadAlarms.pending()).isLessThan(1000);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

}
