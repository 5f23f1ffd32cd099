package dev.mesh.policy.document;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.MeshConfigSpec;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.ServicePolicySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resiliency fields of the schema: retry budget, safe routes and fault injection.
 */
class ResiliencePolicyTests {

	private static final String SERVICE_HEADER = Documents.SERVICE_HEADER;

	@Test
	void bindsRetryBudgetSafeRoutesAndFaultsAsAnApplicationWould() {
		PolicyDocument document = Documents.read(SERVICE_HEADER + """
				  retryBudget: {ratio: 0.25, minRetriesPerSecond: 5, window: 20s}
				  fault:
				    delay: {percent: 0.5, duration: 2s}
				    abort: {percent: 10, status: 503}
				  routes:
				    - name: orders
				      safe: true
				      fault: {abort: {percent: 100, status: 429}}
				""");
		ServicePolicySpec spec = document.spec(ServicePolicySpec.class);
		assertThat(spec.getRetryBudget().getRatio()).isEqualTo(0.25);
		assertThat(spec.getRetryBudget().getMinRetriesPerSecond()).isEqualTo(5);
		assertThat(spec.getRetryBudget().getWindow()).isEqualTo(Duration.ofSeconds(20));
		assertThat(spec.getFault().getDelay().getPercent()).isEqualTo(0.5);
		assertThat(spec.getFault().getAbort().getStatus()).isEqualTo(503);
		Route route = spec.getRoutes().get(0);
		assertThat(route.getSafe()).isTrue();
		assertThat(route.getFault().getAbort().getPercent()).isEqualTo(100.0);
		assertThat(document.properties()).containsEntry("retry-budget.min-retries-per-second", "5")
			.containsEntry("fault.delay.duration", "2s")
			.containsEntry("routes[0].safe", "true");
	}

	@Test
	void acceptsResilienceDefaultsInTheMeshConfig() {
		PolicyDocument document = Documents.read("""
				apiVersion: mesh.dev/v1
				kind: MeshConfig
				metadata: {name: mesh}
				spec:
				  defaults:
				    retryBudget: {ratio: 0.1}
				    circuitBreaker: {failureRateThreshold: 50}
				""");
		assertThat(document.spec(MeshConfigSpec.class).getDefaults().getRetryBudget().getRatio()).isEqualTo(0.1);
	}

	@Test
	void rejectsABudgetOutOfRangeNamingEachField() {
		assertThat(Documents
			.fields(SERVICE_HEADER + "  retryBudget: {ratio: 1.5, minRetriesPerSecond: -1, window: 500ms}\n"))
			.containsExactlyInAnyOrder("spec.retryBudget.ratio", "spec.retryBudget.minRetriesPerSecond",
					"spec.retryBudget.window");
		assertThat(Documents.fields(SERVICE_HEADER + "  retryBudget: {window: 2m}\n"))
			.containsExactly("spec.retryBudget.window");
	}

	@Test
	void rejectsIncompleteOrOutOfRangeFaults() {
		assertThat(Documents
			.violations(SERVICE_HEADER + "  fault: {delay: {percent: 101}, abort: {percent: -1, status: 302}}\n"))
			.containsExactlyInAnyOrder(new Violation("spec.fault.delay.percent", "must be between 0 and 100"),
					new Violation("spec.fault.delay.duration", "is required"),
					new Violation("spec.fault.abort.percent", "must be between 0 and 100"),
					new Violation("spec.fault.abort.status", "must be between 400 and 599"));
		assertThat(Documents.fields(SERVICE_HEADER + "  routes:\n    - fault: {abort: {status: 503}}\n"))
			.containsExactly("spec.routes[0].fault.abort.percent");
	}

	@Test
	void rejectsASafeMarkerThatIsNotABoolean() {
		assertThat(Documents.fields(SERVICE_HEADER + "  routes:\n    - safe: maybe\n"))
			.containsExactly("spec.routes[0].safe");
	}

}
