package dev.mesh.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

	@Test
	void doublesTheCeilingWithEveryFailureUpToTheMaximum() {
		assertThat(this.backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1600));
		assertThat(this.backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void drawsEachDelayBetweenHalfTheCeilingAndTheCeiling() {
		for (int failures = 1; failures < 10; failures++) {
			Duration ceiling = this.backoff.ceiling(failures);
			for (int i = 0; i < 50; i++) {
				assertThat(this.backoff.delay(failures)).isBetween(ceiling.dividedBy(2), ceiling);
			}
		}
	}

	@Test
	void spreadsDelaysSoInstancesDoNotRetryInLockstep() {
		long distinct = java.util.stream.IntStream.range(0, 100)
			.mapToObj((i) -> this.backoff.delay(6))
			.distinct()
			.count();
		assertThat(distinct).isGreaterThan(10);
	}

	@Test
	void rejectsMaximumBelowInitial() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("'max'");
	}

}
