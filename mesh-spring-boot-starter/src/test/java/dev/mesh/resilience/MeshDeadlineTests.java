package dev.mesh.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeshDeadlineTests {

	private static final Duration MAX = Duration.ofSeconds(60);

	@Test
	void readsRemainingMillisecondsAsAMomentOnThisClock() {
		MeshDeadline deadline = MeshDeadline.parse("1500", MAX);
		assertThat(deadline.remainingNanos()).isBetween(1_000_000_000L, 1_500_000_000L);
		assertThat(Long.parseLong(deadline.headerValue())).isBetween(1_000L, 1_500L);
		assertThat(deadline.expired()).isFalse();
	}

	@Test
	void capsADeadlineAtTheMaximum() {
		assertThat(MeshDeadline.parse("999999999", MAX).remainingNanos()).isLessThanOrEqualTo(MAX.toNanos());
	}

	@Test
	void ignoresAnythingButUpToNineDigits() {
		for (String header : new String[] { null, "", "-5", "1e3", "12 ", "0x10", "1234567890", "${x}", "١٢" }) {
			assertThat(MeshDeadline.parse(header, MAX)).as(String.valueOf(header)).isNull();
		}
	}

	@Test
	void aZeroDeadlineHasAlreadyPassedAndHandsOnZero() {
		MeshDeadline deadline = MeshDeadline.parse("0", MAX);
		assertThat(deadline.expired()).isTrue();
		assertThat(deadline.headerValue()).isEqualTo("0");
	}

}
