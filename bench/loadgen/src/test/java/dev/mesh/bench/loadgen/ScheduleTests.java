package dev.mesh.bench.loadgen;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScheduleTests {

	@Test
	void spacesIntendedStartsEvenlyAtTheRate() {
		Schedule schedule = Schedule.of(2000, Duration.ofSeconds(3), 1_000);
		assertThat(schedule.count()).isEqualTo(6000);
		assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
		assertThat(schedule.intendedStart(1)).isEqualTo(501_000);
		assertThat(schedule.intendedStart(5999)).isEqualTo(1_000 + 5999 * 500_000L);
		assertThat(schedule.endNanos()).isEqualTo(1_000 + 3_000_000_000L);
	}

	@Test
	void keepsFractionalIntervalsWithoutDrift() {
		Schedule schedule = Schedule.of(3, Duration.ofSeconds(1), 0);
		assertThat(schedule.count()).isEqualTo(3);
		assertThat(schedule.intendedStart(1)).isEqualTo(333_333_333);
		assertThat(schedule.intendedStart(3)).isBetween(999_999_998L, 1_000_000_000L);
	}

	@Test
	void rejectsARateThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.of(0, Duration.ofSeconds(1), 0))
			.withMessageContaining("ratePerSecond");
	}

}
