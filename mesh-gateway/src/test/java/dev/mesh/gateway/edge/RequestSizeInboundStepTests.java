package dev.mesh.gateway.edge;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestSizeInboundStepTests {

	@Test
	void acceptsABodilessRequestWhichTheFilterPassesOn() {
		RequestSizeWebFilter filter = new RequestSizeWebFilter(DataSize.ofBytes(10));
		RequestSizeInboundStep step = new RequestSizeInboundStep(filter);
		for (TestInboundRequest request : new TestInboundRequest[] { TestInboundRequest.get("/"),
				TestInboundRequest.get("/").header("Content-Length", "0") }) {
			assertThat(step.accepts(request)).isTrue();
			assertThat(step.apply(request)).isNull();
			AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
			filter.filter(request.exchange(), (next) -> {
				passed.set(next);
				return next.getRequest().getBody().then();
			}).block();
			assertThat(passed.get()).isNotNull();
		}
		assertThat(step.webFilter()).isEqualTo(RequestSizeWebFilter.class);
	}

	@Test
	void leavesToWebFluxARequestTheFilterAnswers413() {
		RequestSizeWebFilter filter = new RequestSizeWebFilter(DataSize.ofBytes(10));
		TestInboundRequest large = TestInboundRequest.get("/").header("Content-Length", "11");
		assertThat(new RequestSizeInboundStep(filter).accepts(large)).isFalse();
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> filter.filter(large.exchange(), (next) -> Mono.empty()).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
	}

	@Test
	void refusesANegativeLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestSizeWebFilter(DataSize.ofBytes(-1)))
			.withMessage("'max' must be 0 or more");
	}

	@Test
	void leavesToWebFluxALengthItCannotRead() {
		RequestSizeInboundStep step = new RequestSizeInboundStep(new RequestSizeWebFilter(DataSize.ofBytes(10)));
		assertThat(step.accepts(TestInboundRequest.get("/").header("Content-Length", "zero"))).isFalse();
		assertThat(step.accepts(TestInboundRequest.get("/").header("Content-Length", ""))).isFalse();
	}

}
