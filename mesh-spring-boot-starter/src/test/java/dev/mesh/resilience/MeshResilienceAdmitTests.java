package dev.mesh.resilience;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.core.MeshPolicyState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Attempts admitted through the breaker and bulkhead alone, as the gateway takes them.
 */
class MeshResilienceAdmitTests {

	private static final String PREFIX = "mesh.outbound.destinations.catalog.";

	private final List<String> events = new ArrayList<>();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void countsAdmittedAttemptsInTheSameBreakerAsCallsAndRefusesOnceItIsOpen() {
		this.environment.setProperty(PREFIX + "circuit-breaker.sliding-window-size", "3");
		this.environment.setProperty(PREFIX + "circuit-breaker.minimum-calls", "3");
		MeshResilience resilience = resilience();
		assertThat(resilience.admit("inventory", "gateway-route").guarded()).isFalse();
		CallAttempt first = resilience.admit("catalog", "gateway-route");
		assertThat(first.guarded()).isTrue();
		first.completed(502);
		resilience.admit("catalog", "gateway-route").failed(CallFailure.CONNECT_FAILURE);
		resilience.start("catalog", null, null, HttpMethod.GET, null, false, null)
			.firstAttempt()
			.failed(CallFailure.TIMEOUT);
		ResilienceState state = resilience.describe().get(0);
		assertThat(state.circuitBreaker().state()).isEqualTo("OPEN");
		assertThat(state.circuitBreaker().failedCalls()).isEqualTo(3);
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> resilience.admit("catalog", "gateway-route"));
		assertThat(this.events).containsExactly("breaker-rejected catalog gateway-route");
	}

	@Test
	void holdsABulkheadSlotUntilTheAttemptEndsWithoutTouchingBudgetOrFaults() {
		this.environment.setProperty(PREFIX + "bulkhead.max-concurrent-calls", "1");
		this.environment.setProperty(PREFIX + "fault.abort.percent", "100");
		this.environment.setProperty(PREFIX + "fault.abort.status", "503");
		MeshResilience resilience = resilience();
		CallAttempt holding = resilience.admit("catalog", "gateway-route");
		assertThat(holding.send("any")).isNull();
		assertThat(holding.deadlineHeader()).isNull();
		assertThatExceptionOfType(BulkheadFullException.class)
			.isThrownBy(() -> resilience.admit("catalog", "gateway-route"));
		holding.cancelled();
		resilience.admit("catalog", "gateway-route").completed(200);
		ResilienceState state = resilience.describe().get(0);
		assertThat(state.bulkhead().inFlight()).isZero();
		assertThat(state.retryBudget().requests()).isZero();
		assertThat(this.events).containsExactly("bulkhead-rejected catalog gateway-route");
	}

	private MeshResilience resilience() {
		return new MeshResilience(new MeshPolicyState(this.environment), new ResilienceListener() {

			@Override
			public void breakerRejected(String service, String route) {
				MeshResilienceAdmitTests.this.events.add("breaker-rejected " + service + " " + route);
			}

			@Override
			public void bulkheadRejected(String service, String route) {
				MeshResilienceAdmitTests.this.events.add("bulkhead-rejected " + service + " " + route);
			}

			@Override
			public void faultInjected(String service, String route, String fault) {
				MeshResilienceAdmitTests.this.events.add("fault " + fault);
			}

		});
	}

}
