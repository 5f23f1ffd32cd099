package dev.mesh.resilience;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitStepTests {

	private final InboundRateLimiter limiter = new InboundRateLimiter(
			new MeshPolicyState(new MockEnvironment().withProperty("mesh.inbound.rate-limit.requests-per-second", "1")),
			new ResilienceListener() {
			}, () -> 0L);

	private final RateLimitWebFilter filter = new RateLimitWebFilter(this.limiter, new HeaderCallerIdentityResolver());

	private final RateLimitStep step = new RateLimitStep(this.filter);

	@Test
	void answersACallerOverItsRateWith429AndRetryAfter() {
		assertThat(this.step.apply(caller("storefront"))).isNull();
		InboundRefusal refusal = this.step.apply(caller("storefront"));
		assertThat(refusal.status()).isEqualTo(429);
		assertThat(refusal.headers()).containsExactly(Map.entry("Retry-After", "1"));
		assertThat(refusal.contentType()).isEqualTo("application/problem+json");
		assertThat(new String(refusal.body(), StandardCharsets.UTF_8)).contains("rate limit exceeded");
	}

	@Test
	void givesEachCallerItsOwnRate() {
		assertThat(this.step.apply(caller("storefront"))).isNull();
		assertThat(this.step.apply(caller("checkout"))).isNull();
		assertThat(this.step.apply(caller("checkout"))).isNotNull();
	}

	@Test
	void countsAgainstTheFiltersRateAndAnswersAsItDoes() {
		assertThat(this.step.apply(caller("storefront"))).isNull();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders").header(HeaderCallerIdentityResolver.HEADER, "storefront"));
		this.filter.filter(exchange, (passed) -> Mono.error(new AssertionError("let through"))).block();
		InboundRefusal refusal = this.step.apply(caller("storefront"));
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(refusal.status());
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.isEqualTo(refusal.headers().get(HttpHeaders.RETRY_AFTER));
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
			.isEqualTo(refusal.contentType());
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo(new String(refusal.body(), StandardCharsets.UTF_8));
	}

	@Test
	void namesTheCallerFromTheHeadersAndAttributesOfTheRequest() {
		List<String> seen = new ArrayList<>();
		RateLimitStep step = new RateLimitStep(new RateLimitWebFilter(this.limiter, (request) -> {
			seen.add(request.header("X-Mesh-Caller") + " " + request.attribute("caller") + " "
					+ request.attribute("missing"));
			return null;
		}));
		TestInboundRequest request = caller("storefront");
		request.attributes().put("caller", "checkout");
		step.apply(request);
		assertThat(seen).containsExactly("storefront checkout null");
	}

	@Test
	void doesTheWorkOfTheRateLimitFilter() {
		assertThat(this.step.webFilter()).isEqualTo(RateLimitWebFilter.class);
	}

	private static TestInboundRequest caller(String name) {
		return TestInboundRequest.get("/orders").header(HeaderCallerIdentityResolver.HEADER, name);
	}

}
