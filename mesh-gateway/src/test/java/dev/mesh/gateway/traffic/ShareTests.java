package dev.mesh.gateway.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ShareTests {

	@Test
	void choosesExactlyTheShareOfEveryHundredRequests() {
		Share tenPercent = new Share(10);
		for (int round = 0; round < 5; round++) {
			int chosen = 0;
			for (int i = 0; i < 100; i++) {
				chosen += tenPercent.next() ? 1 : 0;
			}
			assertThat(chosen).isEqualTo(10);
		}
	}

	@Test
	void spreadsTheChosenRequestsEvenly() {
		Share quarter = new Share(25);
		StringBuilder pattern = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			pattern.append(quarter.next() ? 'x' : '.');
		}
		assertThat(pattern).hasToString("...x...x...x");
	}

	@Test
	void takesFractionsOfAPercent() {
		Share half = new Share(0.5);
		int chosen = 0;
		for (int i = 0; i < 1000; i++) {
			chosen += half.next() ? 1 : 0;
		}
		assertThat(chosen).isEqualTo(5);
	}

	@Test
	void choosesNothingAtZeroAndEverythingAtOneHundred() {
		Share none = new Share(0);
		Share all = new Share(100);
		for (int i = 0; i < 100; i++) {
			assertThat(none.next()).isFalse();
			assertThat(all.next()).isTrue();
		}
	}

	@Test
	void rejectsAShareOutsideZeroToOneHundred() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Share(100.5)).withMessageContaining("'percent'");
	}

}
