package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.core.MeshPolicyState;

import static org.assertj.core.api.Assertions.assertThat;

class InboundRateLimiterTests {

	private final AtomicLong clock = new AtomicLong();

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("mesh.inbound.rate-limit.requests-per-second", "2")
		.withProperty("mesh.inbound.rate-limit.burst", "1")
		.withProperty("mesh.inbound.rate-limit.callers.storefront.requests-per-second", "10");

	private final List<String> limited = new ArrayList<>();

	@Test
	void admitsTheRatePlusTheBurstThenAsksToComeBackLater() {
		InboundRateLimiter limiter = limiter(new MeshPolicyState(this.environment));
		assertThat(admitted(limiter, "catalog", 10)).isEqualTo(3);
		assertThat(limiter.acquire("catalog")).isEqualTo(1);
		advance(Duration.ofMillis(500));
		assertThat(admitted(limiter, "catalog", 10)).isOne();
		assertThat(this.limited).containsOnly("default");
	}

	@Test
	void givesEachCallerItsOwnBucketAndOverridesItsRate() {
		InboundRateLimiter limiter = limiter(new MeshPolicyState(this.environment));
		assertThat(admitted(limiter, "catalog", 20)).isEqualTo(3);
		assertThat(admitted(limiter, "gateway", 20)).isEqualTo(3);
		assertThat(admitted(limiter, "storefront", 20)).isEqualTo(10);
		assertThat(admitted(limiter, null, 20)).as("unknown callers share one bucket").isEqualTo(3);
		assertThat(this.limited).contains("storefront", "default");
	}

	@Test
	void admitsEverythingWithoutALimitAndFollowsPolicyChanges() {
		MockEnvironment open = new MockEnvironment();
		MeshPolicyState policy = new MeshPolicyState(open);
		InboundRateLimiter limiter = limiter(policy);
		assertThat(admitted(limiter, "catalog", 100)).isEqualTo(100);
		open.setProperty("mesh.inbound.rate-limit.requests-per-second", "5");
		policy.refresh();
		assertThat(admitted(limiter, "catalog", 100)).isEqualTo(5);
	}

	private InboundRateLimiter limiter(MeshPolicyState policy) {
		return new InboundRateLimiter(policy, new ResilienceListener() {

			@Override
			public void rateLimited(String caller) {
				InboundRateLimiterTests.this.limited.add(caller);
			}

		}, this.clock::get);
	}

	private static int admitted(InboundRateLimiter limiter, String caller, int requests) {
		int admitted = 0;
		for (int i = 0; i < requests; i++) {
			admitted += (limiter.acquire(caller) == 0) ? 1 : 0;
		}
		return admitted;
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

}
