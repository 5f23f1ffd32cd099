package dev.mesh.resilience;

import org.junit.jupiter.api.Test;

import dev.mesh.inbound.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineStepTests {

	private final DeadlineStep step = new DeadlineStep();

	@Test
	void letsThroughARequestWithoutDeadline() {
		TestInboundRequest request = TestInboundRequest.get("/orders");
		assertThat(this.step.accepts(request)).isTrue();
		assertThat(this.step.apply(request)).isNull();
		assertThat(request.attributes()).isEmpty();
	}

	@Test
	void leavesARequestWithADeadlineToTheFilter() {
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header(MeshDeadline.HEADER, "200"))).isFalse();
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header("X-Mesh-Deadline", "200"))).isFalse();
	}

	@Test
	void leavesEvenAnUnreadableDeadlineToTheFilter() {
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header(MeshDeadline.HEADER, "soon"))).isFalse();
	}

	@Test
	void doesTheWorkOfTheDeadlineFilter() {
		assertThat(this.step.webFilter()).isEqualTo(DeadlineWebFilter.class);
	}

}
