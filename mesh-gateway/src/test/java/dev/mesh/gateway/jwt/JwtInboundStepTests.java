package dev.mesh.gateway.jwt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.MeshGatewayProperties;
import dev.mesh.gateway.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class JwtInboundStepTests {

	private final ReactiveJwtDecoder decoder = (token) -> Mono.error(new BadJwtException("bad"));

	private final MeshGatewayProperties.Jwt properties = new MeshGatewayProperties.Jwt();

	private final GatewayJwt jwt = new GatewayJwt(this.properties, true, () -> null);

	private final JwtWebFilter filter = new JwtWebFilter(this.jwt, this.decoder);

	private final JwtInboundStep step = new JwtInboundStep(this.filter);

	@Test
	void acceptsARequestWithoutATokenWhichTheFilterPassesUntouched() {
		TestInboundRequest request = TestInboundRequest.get("/items").header("Cookie", "access_token=abc");
		assertThat(this.step.accepts(request)).isTrue();
		assertThat(this.step.apply(request)).isNull();
		assertThat(passesUntouched(this.filter, request)).isTrue();
		assertThat(this.jwt.describe().tokens().values()).containsOnly(0L);
		assertThat(this.step.webFilter()).isEqualTo(JwtWebFilter.class);
	}

	@Test
	void leavesAnyRequestWithAnAuthorizationHeaderToTheFilter() {
		TestInboundRequest bearer = TestInboundRequest.get("/").header("authorization", "Bearer abc");
		assertThat(this.step.accepts(bearer)).isFalse();
		assertThat(passesUntouched(this.filter, bearer)).isFalse();
		assertThat(this.jwt.describe().tokens()).containsEntry("invalid", 1L);
		for (String value : List.of("Basic YTpi", "")) {
			assertThat(this.step.accepts(TestInboundRequest.get("/").header("Authorization", value))).isFalse();
		}
	}

	@Test
	void acceptsAnyRequestWhenTokensAreNotValidated() {
		JwtWebFilter off = new JwtWebFilter(GatewayJwt.off(), null);
		TestInboundRequest bearer = TestInboundRequest.get("/").header("Authorization", "Bearer abc");
		assertThat(new JwtInboundStep(off).accepts(bearer)).isTrue();
		assertThat(passesUntouched(off, bearer)).isTrue();
	}

	@Test
	void leavesEveryRequestToTheFilterAsSoonAsATokenIsRequired() {
		TestInboundRequest request = TestInboundRequest.get("/");
		assertThat(this.step.accepts(request)).isTrue();
		this.properties.setRequired(true);
		assertThat(this.step.accepts(request)).isFalse();
		assertThat(passesUntouched(this.filter, request)).isFalse();
	}

	private static boolean passesUntouched(JwtWebFilter filter, TestInboundRequest request) {
		MockServerWebExchange exchange = request.exchange();
		Map<String, Object> before = new HashMap<>(exchange.getAttributes());
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();
		return passed.get() == exchange && exchange.getAttributes().equals(before)
				&& exchange.getResponse().getStatusCode() == null;
	}

}
