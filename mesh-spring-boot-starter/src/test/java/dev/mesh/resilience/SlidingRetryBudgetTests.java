package dev.mesh.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingRetryBudgetTests {

	private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

	@Test
	void allowsTheRatioOfRequestsPlusTheMinimumPerSecondOverTheWindow() {
		SlidingRetryBudget budget = budget(0.2, 1, Duration.ofSeconds(10));
		for (int i = 0; i < 100; i++) {
			budget.deposit();
		}
		int retries = 0;
		while (budget.tryWithdraw()) {
			retries++;
		}
		assertThat(retries).isEqualTo(20 + 10);
		assertThat(budget.hasRoom()).isFalse();
		assertThat(budget.snapshot()).isEqualTo(new SlidingRetryBudget.Snapshot(100, 30, 0));
	}

	@Test
	void forgetsRequestsAndRetriesThatLeftTheWindow() {
		SlidingRetryBudget budget = budget(0.5, 0, Duration.ofSeconds(10));
		for (int i = 0; i < 10; i++) {
			budget.deposit();
		}
		while (budget.tryWithdraw()) {
			// spend it all
		}
		assertThat(budget.snapshot().retries()).isEqualTo(5);
		advance(Duration.ofSeconds(5));
		budget.deposit();
		budget.deposit();
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();
		advance(Duration.ofMillis(5_500));
		assertThat(budget.snapshot()).isEqualTo(new SlidingRetryBudget.Snapshot(2, 1, 0));
		advance(Duration.ofSeconds(10));
		assertThat(budget.snapshot()).isEqualTo(new SlidingRetryBudget.Snapshot(0, 0, 0));
	}

	@Test
	void givesBackARefundedRetry() {
		SlidingRetryBudget budget = budget(0, 1, Duration.ofSeconds(1));
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();
		budget.refund();
		assertThat(budget.tryWithdraw()).isTrue();
	}

	@Test
	void neverAllowsRetriesWithAZeroBudget() {
		SlidingRetryBudget budget = budget(0, 0, Duration.ofSeconds(10));
		for (int i = 0; i < 1_000; i++) {
			budget.deposit();
		}
		assertThat(budget.hasRoom()).isFalse();
		assertThat(budget.tryWithdraw()).isFalse();
	}

	private SlidingRetryBudget budget(double ratio, int minPerSecond, Duration window) {
		return new SlidingRetryBudget(new BudgetSettings(ratio, minPerSecond, window), this.clock::get);
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

}
