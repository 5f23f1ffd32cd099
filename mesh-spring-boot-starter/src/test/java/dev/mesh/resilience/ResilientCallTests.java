package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.spec.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The chain's decisions without any network: what is retried, what the breaker, bulkhead
 * and budget allow, and what a cancellation gives back.
 */
class ResilientCallTests {

	private final List<String> events = new ArrayList<>();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void retriesOnlyIdempotentMethodsUnlessTheRouteIsSafeOrTheRequestHasAnIdempotencyKey() {
		MeshResilience resilience = resilience();
		assertThat(start(resilience, HttpMethod.GET, null).retryDelay(503, null)).isNotNull();
		assertThat(start(resilience, HttpMethod.PUT, null).retryDelay(CallFailure.CONNECT_FAILURE)).isNotNull();
		assertThat(start(resilience, HttpMethod.POST, null).retryDelay(503, null)).isNull();
		assertThat(start(resilience, HttpMethod.PATCH, null).retryDelay(CallFailure.CONNECT_FAILURE)).isNull();
		HttpHeaders keyed = new HttpHeaders();
		keyed.set(MeshResilience.IDEMPOTENCY_KEY, "order-42");
		assertThat(resilience.start("catalog", null, null, HttpMethod.POST, keyed, true, null).retryDelay(503, null))
			.isNotNull();
		Route safe = new Route();
		safe.setSafe(true);
		assertThat(resilience.start("catalog", safe, null, HttpMethod.POST, null, true, null).retryDelay(503, null))
			.isNotNull();
		assertThat(resilience.start("catalog", safe, null, HttpMethod.POST, null, false, null).retryDelay(503, null))
			.as("a body that cannot be sent again")
			.isNull();
	}

	@Test
	void retriesOnTheDefaultConditionsOnlyUpToTheAttempts() {
		ResilientCall call = start(resilience(), HttpMethod.GET, null);
		assertThat(call.retryDelay(500, null)).isNull();
		assertThat(call.retryDelay(429, null)).isNull();
		assertThat(call.retryDelay(CallFailure.OTHER)).isNull();
		call.firstAttempt().completed(503);
		assertThat(call.retry()).isNotNull();
		assertThat(call.retry()).isNotNull();
		assertThat(call.retryDelay(503, null)).as("three attempts").isNull();
	}

	@Test
	void waitsAtLeastRetryAfterWhenTheDeadlineLeavesTimeAndNotOtherwise() {
		this.environment.setProperty("mesh.outbound.defaults.retries.retry-on[0]", "429");
		MeshResilience resilience = resilience();
		assertThat(start(resilience, HttpMethod.GET, null).retryDelay(429, "2")).isEqualTo(Duration.ofSeconds(2));
		assertThat(resilience.start("catalog", null, Duration.ofSeconds(1), HttpMethod.GET, null, true, null)
			.retryDelay(429, "2")).isNull();
		assertThat(start(resilience, HttpMethod.GET, null).retryDelay(429, "3600")).as("no deadline: too long")
			.isNull();
		assertThat(start(resilience, HttpMethod.GET, null).retryDelay(429, "soon")).isBetween(Duration.ofMillis(12),
				Duration.ofMillis(25));
	}

	@Test
	void countsEachAttemptOnceInTheBreakerAndFailsFastWithoutSpendingBudgetWhenItIsOpen() {
		this.environment.setProperty("mesh.outbound.destinations.catalog.circuit-breaker.sliding-window-size", "4");
		this.environment.setProperty("mesh.outbound.destinations.catalog.circuit-breaker.minimum-calls", "4");
		MeshResilience resilience = resilience();
		ResilientCall first = start(resilience, HttpMethod.GET, null);
		first.firstAttempt().completed(503);
		CallAttempt second = first.retry();
		second.completed(503);
		first.retry().failed(CallFailure.CONNECT_FAILURE);
		ResilientCall next = start(resilience, HttpMethod.GET, null);
		next.firstAttempt().completed(503);
		assertThat(state(resilience).circuitBreaker().state()).isEqualTo("OPEN");
		assertThat(state(resilience).circuitBreaker().bufferedCalls()).isEqualTo(4);
		long retriesBefore = state(resilience).retryBudget().retries();
		assertThat(next.retryDelay(503, null)).isNotNull();
		assertThat(next.retry()).isNull();
		assertThat(state(resilience).retryBudget().retries()).isEqualTo(retriesBefore);
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> start(resilience, HttpMethod.GET, null).firstAttempt())
			.withMessage("circuit breaker of service catalog is open");
		assertThat(this.events).contains("transition CLOSED>OPEN", "breaker-rejected catalog");
	}

	@Test
	void aCancelledAttemptGivesBackItsHalfOpenPermitAndBulkheadSlot() {
		this.environment.setProperty("mesh.outbound.destinations.catalog.circuit-breaker.sliding-window-size", "2");
		this.environment.setProperty("mesh.outbound.destinations.catalog.circuit-breaker.minimum-calls", "2");
		this.environment.setProperty("mesh.outbound.destinations.catalog.circuit-breaker.half-open-calls", "1");
		this.environment.setProperty("mesh.outbound.destinations.catalog.bulkhead.max-concurrent-calls", "1");
		MeshResilience resilience = resilience();
		CallAttempt holding = start(resilience, HttpMethod.GET, null).firstAttempt();
		assertThat(state(resilience).bulkhead().inFlight()).isOne();
		assertThatExceptionOfType(BulkheadFullException.class)
			.isThrownBy(() -> start(resilience, HttpMethod.GET, null).firstAttempt())
			.withMessage("too many concurrent calls to service catalog (limit 1)");
		holding.cancelled();
		assertThat(state(resilience).bulkhead().inFlight()).isZero();
		start(resilience, HttpMethod.GET, null).firstAttempt().completed(500);
		start(resilience, HttpMethod.GET, null).firstAttempt().completed(500);
		resilience.destination("catalog").breaker().transitionToHalfOpenState();
		CallAttempt probe = start(resilience, HttpMethod.GET, null).firstAttempt();
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> start(resilience, HttpMethod.GET, null).firstAttempt());
		probe.cancelled();
		assertThat(state(resilience).circuitBreaker().state()).isEqualTo("HALF_OPEN");
		assertThat(state(resilience).bulkhead().inFlight()).isZero();
		start(resilience, HttpMethod.GET, null).firstAttempt().completed(200);
		assertThat(state(resilience).circuitBreaker().state()).isEqualTo("CLOSED");
	}

	@Test
	void keepsTheBreakerAcrossPolicyChangesThatLeaveItsSettingsAlone() {
		String breaker = "mesh.outbound.destinations.catalog.circuit-breaker.";
		this.environment.setProperty(breaker + "sliding-window-size", "1");
		this.environment.setProperty(breaker + "minimum-calls", "1");
		this.environment.setProperty("mesh.outbound.destinations.catalog.bulkhead.max-concurrent-calls", "2");
		MeshPolicyState policy = new MeshPolicyState(this.environment);
		MeshResilience resilience = new MeshResilience(policy, new RecordingListener(this.events));
		CallAttempt inFlight = start(resilience, HttpMethod.GET, null).firstAttempt();
		start(resilience, HttpMethod.GET, null).firstAttempt().completed(503);
		this.environment.setProperty("mesh.outbound.destinations.catalog.timeout", "1s");
		this.environment.setProperty("mesh.outbound.destinations.catalog.bulkhead.max-concurrent-calls", "3");
		policy.refresh();
		assertThat(state(resilience).circuitBreaker().state()).isEqualTo("OPEN");
		assertThat(state(resilience).bulkhead()).isEqualTo(new ResilienceState.BulkheadState(3, 1));
		inFlight.cancelled();
		this.environment.setProperty(breaker + "sliding-window-size", "5");
		policy.refresh();
		assertThat(state(resilience).circuitBreaker().state()).isEqualTo("CLOSED");
		assertThat(state(resilience).bulkhead().inFlight()).isZero();
	}

	@Test
	void refusesRetriesBeyondTheBudgetAndSaysSo() {
		this.environment.setProperty("mesh.outbound.defaults.retry-budget.ratio", "0");
		this.environment.setProperty("mesh.outbound.defaults.retry-budget.min-retries-per-second", "0");
		ResilientCall call = start(resilience(), HttpMethod.GET, null);
		call.firstAttempt().completed(503);
		assertThat(call.retryDelay(503, null)).isNull();
		assertThat(this.events).contains("budget-exhausted catalog");
	}

	@Test
	void injectsFaultsIntoTheirShareOfCalls() {
		this.environment.setProperty("mesh.outbound.destinations.catalog.fault.delay.percent", "30");
		this.environment.setProperty("mesh.outbound.destinations.catalog.fault.delay.duration", "5ms");
		this.environment.setProperty("mesh.outbound.destinations.catalog.fault.abort.percent", "10");
		this.environment.setProperty("mesh.outbound.destinations.catalog.fault.abort.status", "503");
		MeshResilience resilience = resilience();
		int delayed = 0;
		int aborted = 0;
		for (int i = 0; i < 10_000; i++) {
			ResilientCall.InjectedFault fault = start(resilience, HttpMethod.GET, null).fault();
			delayed += (fault.delay() != null) ? 1 : 0;
			aborted += (fault.abortStatus() == 503) ? 1 : 0;
		}
		// Binomial: three standard deviations are about 140 and 90 calls.
		assertThat(delayed).isBetween(2_800, 3_200);
		assertThat(aborted).isBetween(880, 1_120);
	}

	private MeshResilience resilience() {
		return new MeshResilience(new MeshPolicyState(this.environment), new RecordingListener(this.events));
	}

	private static ResilientCall start(MeshResilience resilience, HttpMethod method, Duration timeout) {
		return resilience.start("catalog", null, timeout, method, null, true, null);
	}

	private static ResilienceState state(MeshResilience resilience) {
		return resilience.describe().get(0);
	}

	private record RecordingListener(List<String> events) implements ResilienceListener {

		@Override
		public void breakerTransition(String service, String from, String to) {
			this.events.add("transition " + from + ">" + to);
		}

		@Override
		public void breakerRejected(String service, String route) {
			this.events.add("breaker-rejected " + service);
		}

		@Override
		public void budgetExhausted(String service, String route) {
			this.events.add("budget-exhausted " + service);
		}

	}

}
