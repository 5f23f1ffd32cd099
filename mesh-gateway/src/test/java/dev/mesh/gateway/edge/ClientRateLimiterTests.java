package dev.mesh.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	private final ClientRateLimiter limiter = new ClientRateLimiter(this.now::get);

	@Test
	void letsABurstThroughThenRefillsAtTheRate() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("route", "client", 2, 3)).isZero();
		}
		assertThat(this.limiter.tryAcquire("route", "client", 2, 3)).isEqualTo(500_000_000L);
		this.now.addAndGet(500_000_000L);
		assertThat(this.limiter.tryAcquire("route", "client", 2, 3)).isZero();
	}

	@Test
	void decidesOnTheLocalBucketAloneWithoutAGlobalLimit() {
		assertThat(this.limiter.global()).isNull();
		assertThat(this.limiter.acquire("route", "client", 1, 1).block()).isZero();
		assertThat(this.limiter.acquire("route", "client", 1, 1).block()).isEqualTo(1_000_000_000L);
	}

	@Test
	void keepsOneBucketPerRouteAndClient() {
		assertThat(this.limiter.tryAcquire("route", "a", 1, 1)).isZero();
		assertThat(this.limiter.tryAcquire("route", "b", 1, 1)).isZero();
		assertThat(this.limiter.tryAcquire("other", "a", 1, 1)).isZero();
		assertThat(this.limiter.tryAcquire("route", "a", 1, 1)).isPositive();
	}

	@Test
	void forgetsBucketsThatAreFullAgain() {
		this.limiter.tryAcquire("route", "a", 10, 10);
		this.limiter.tryAcquire("route", "b", 10, 10);
		this.now.addAndGet(50_000_000L);
		this.limiter.tryAcquire("route", "b", 10, 10);
		this.now.addAndGet(60_000_000L);
		this.limiter.sweep(this.now.get());
		assertThat(this.limiter.size()).isEqualTo(1);
	}

}
