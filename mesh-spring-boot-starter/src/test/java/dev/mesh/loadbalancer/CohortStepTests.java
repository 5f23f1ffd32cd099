package dev.mesh.loadbalancer;

import org.junit.jupiter.api.Test;

import dev.mesh.inbound.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CohortStepTests {

	private final CohortStep step = new CohortStep();

	@Test
	void letsThroughARequestWithoutCohort() {
		TestInboundRequest request = TestInboundRequest.get("/orders");
		assertThat(this.step.accepts(request)).isTrue();
		assertThat(this.step.apply(request)).isNull();
		assertThat(request.attributes()).isEmpty();
	}

	@Test
	void leavesARequestWithACohortToTheFilter() {
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header(MeshCohort.HEADER, "canary=true")))
			.isFalse();
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header("X-Mesh-Cohort", "canary=true")))
			.isFalse();
	}

	@Test
	void doesTheWorkOfTheCohortFilter() {
		assertThat(this.step.webFilter()).isEqualTo(CohortWebFilter.class);
	}

}
