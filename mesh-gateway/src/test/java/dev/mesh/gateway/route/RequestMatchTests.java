package dev.mesh.gateway.route;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMatchTests {

	@Test
	void matchesAPathPrefixByWholeSegments() {
		RequestMatch match = new RequestMatch(null, "/api/catalog/", List.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalog")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalog/items")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalogue")))).isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api")))).isFalse();
	}

	@Test
	void matchesAnExactPathOnly() {
		RequestMatch match = new RequestMatch("/health", null, List.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.get("/health")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/health/deep")))).isFalse();
	}

	@Test
	void matchesMethodsHeadersCookiesAndQueryParametersExactly() {
		RequestMatch match = new RequestMatch(null, null, List.of("GET", "HEAD"), Map.of("x-tier", "gold"),
				Map.of("beta", "yes"), Map.of("variant", "b"));
		assertThat(match.test(exchange(MockServerHttpRequest.get("/any?variant=b")
			.header("X-Tier", "gold")
			.cookie(new HttpCookie("beta", "yes"))))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.post("/any?variant=b")
			.header("X-Tier", "gold")
			.cookie(new HttpCookie("beta", "yes"))))).isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/any?variant=b")
			.header("X-Tier", "silver")
			.cookie(new HttpCookie("beta", "yes"))))).isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/any?variant=b").header("X-Tier", "gold"))))
			.isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/any?variant=a")
			.header("X-Tier", "gold")
			.cookie(new HttpCookie("beta", "yes"))))).isFalse();
	}

	@Test
	void takesEveryRequestWithoutConditions() {
		RequestMatch match = new RequestMatch(null, null, List.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.delete("/whatever")))).isTrue();
		assertThat(match).hasToString("any request");
	}

	@Test
	void comparesByValue() {
		assertThat(new RequestMatch(null, "/a", List.of("GET"), Map.of("x", "1"), Map.of(), Map.of()))
			.isEqualTo(new RequestMatch(null, "/a/", List.of("GET"), Map.of("x", "1"), Map.of(), Map.of()));
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
