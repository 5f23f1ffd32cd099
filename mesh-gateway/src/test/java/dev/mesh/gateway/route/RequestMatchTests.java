package dev.mesh.gateway.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.mesh.gateway.jwt.JwtClaims;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMatchTests {

	@Test
	void matchesAPathPrefixByWholeSegments() {
		RequestMatch match = new RequestMatch(null, "/api/catalog/", List.of(), Map.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalog")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalog/items")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api/catalogue")))).isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/api")))).isFalse();
	}

	@Test
	void matchesAnExactPathOnly() {
		RequestMatch match = new RequestMatch("/health", null, List.of(), Map.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.get("/health")))).isTrue();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/health/deep")))).isFalse();
	}

	@Test
	void matchesMethodsHeadersCookiesAndQueryParametersExactly() {
		RequestMatch match = new RequestMatch(null, null, List.of("GET", "HEAD"), Map.of("x-tier", "gold"),
				Map.of("beta", "yes"), Map.of("variant", "b"), Map.of());
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
		RequestMatch match = new RequestMatch(null, null, List.of(), Map.of(), Map.of(), Map.of(), Map.of());
		assertThat(match.test(exchange(MockServerHttpRequest.delete("/whatever")))).isTrue();
		assertThat(match).hasToString("any request");
	}

	@Test
	void matchesClaimsOfAValidatedTokenOnlyAndLiterally() {
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("groups", "admins");
		claims.put("tier", "gold");
		RequestMatch match = new RequestMatch(null, null, List.of(), Map.of(), Map.of(), Map.of(), claims);
		MockServerWebExchange admin = exchange(MockServerHttpRequest.get("/any"));
		admin.getAttributes()
			.put(JwtClaims.ATTRIBUTE, new JwtClaims(Map.of("groups", List.of("users", "admins"), "tier", "gold")));
		assertThat(match.test(admin)).isTrue();
		MockServerWebExchange user = exchange(MockServerHttpRequest.get("/any"));
		user.getAttributes()
			.put(JwtClaims.ATTRIBUTE, new JwtClaims(Map.of("groups", List.of("users"), "tier", "gold")));
		assertThat(match.test(user)).isFalse();
		MockServerWebExchange expression = exchange(MockServerHttpRequest.get("/any"));
		expression.getAttributes()
			.put(JwtClaims.ATTRIBUTE, new JwtClaims(Map.of("groups", "admins", "tier", "#{'gold'}")));
		assertThat(match.test(expression)).isFalse();
		assertThat(match.test(exchange(MockServerHttpRequest.get("/any").header("Authorization", "Bearer x"))))
			.isFalse();
		assertThat(match).hasToString("claims={groups=admins, tier=gold}");
	}

	@Test
	void comparesByValue() {
		assertThat(new RequestMatch(null, "/a", List.of("GET"), Map.of("x", "1"), Map.of(), Map.of(), Map.of()))
			.isEqualTo(new RequestMatch(null, "/a/", List.of("GET"), Map.of("x", "1"), Map.of(), Map.of(), Map.of()));
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
