package dev.mesh.gateway.edge;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityHeadersInboundStepTests {

	private final IdentityHeadersWebFilter filter = new IdentityHeadersWebFilter(
			List.of("X-Spiffe-Id", "x-mesh-deadline"));

	private final IdentityHeadersInboundStep step = new IdentityHeadersInboundStep(this.filter);

	@Test
	void acceptsARequestWithoutTheHeadersWhichTheFilterPassesUntouched() {
		TestInboundRequest request = TestInboundRequest.get("/items")
			.header("Accept", "application/json")
			.header("X-Spiffe", "not one of them");
		assertThat(this.step.accepts(request)).isTrue();
		assertThat(this.step.apply(request)).isNull();
		assertThat(passesUntouched(request)).isTrue();
	}

	@Test
	void leavesARequestCarryingAnyOfTheHeadersToTheFilter() {
		for (TestInboundRequest request : List.of(TestInboundRequest.get("/").header("X-Spiffe-Id", "spiffe://x"),
				TestInboundRequest.get("/").header("X-MESH-DEADLINE", "1"),
				TestInboundRequest.get("/").header("x-spiffe-id", ""))) {
			assertThat(this.step.accepts(request)).isFalse();
			assertThat(passesUntouched(request)).isFalse();
		}
	}

	@Test
	void followsTheFiltersHeaders() {
		IdentityHeadersInboundStep none = new IdentityHeadersInboundStep(new IdentityHeadersWebFilter(List.of()));
		assertThat(none.accepts(TestInboundRequest.get("/").header("X-Spiffe-Id", "spiffe://x"))).isTrue();
		assertThat(none.webFilter()).isEqualTo(IdentityHeadersWebFilter.class);
	}

	private boolean passesUntouched(TestInboundRequest request) {
		MockServerWebExchange exchange = request.exchange();
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		this.filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();
		return passed.get() == exchange;
	}

}
