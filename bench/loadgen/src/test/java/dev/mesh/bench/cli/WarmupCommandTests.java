package dev.mesh.bench.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupCommandTests {

	@Test
	void isSteadyWhenTheLastThreeWindowsAgreeWithinTheTolerance() {
		assertThat(WarmupCommand.steady(List.of(1600.0, 900.0, 560.0, 530.0, 545.0), 0.1)).isTrue();
		assertThat(WarmupCommand.steady(List.of(1600.0, 900.0, 600.0, 560.0, 530.0), 0.1)).isFalse();
	}

	@Test
	void needsThreeWindowsToJudge() {
		assertThat(WarmupCommand.steady(List.of(500.0, 500.0), 0.1)).isFalse();
	}

}
