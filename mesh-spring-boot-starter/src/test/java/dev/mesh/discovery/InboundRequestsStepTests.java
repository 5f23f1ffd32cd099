package dev.mesh.discovery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mesh.inbound.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class InboundRequestsStepTests {

	private final InboundRequests requests = new InboundRequests();

	private final InboundRequestsStep step = new InboundRequestsStep(this.requests);

	@Test
	void countsARequestFromItsStartUntilItsAnswerIsComplete() throws InterruptedException {
		TestInboundRequest first = TestInboundRequest.get("/orders");
		TestInboundRequest second = TestInboundRequest.get("/orders/3");
		assertThat(this.step.accepts(first)).isTrue();
		assertThat(this.step.apply(first)).isNull();
		assertThat(this.step.apply(second)).isNull();
		assertThat(this.requests.active()).isEqualTo(2);
		this.step.completed(first);
		assertThat(this.requests.active()).isOne();
		assertThat(this.requests.awaitIdle(Duration.ZERO)).isFalse();
		this.step.completed(second);
		assertThat(this.requests.awaitIdle(Duration.ZERO)).isTrue();
	}

	@Test
	void doesTheWorkOfTheInboundRequestsFilter() {
		assertThat(this.step.webFilter()).isEqualTo(InboundRequestsWebFilter.class);
	}

}
