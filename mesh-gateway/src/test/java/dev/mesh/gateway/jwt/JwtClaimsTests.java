package dev.mesh.gateway.jwt;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.mesh.gateway.traffic.StickyKey;

import static org.assertj.core.api.Assertions.assertThat;

class JwtClaimsTests {

	private final JwtClaims claims = new JwtClaims(Map.of("sub", "alice", "groups", List.of("users", "admins"), "scope",
			"read write", "level", 3, "verified", true, "profile", Map.of("tier", "gold")));

	@Test
	void matchesStringNumberAndBooleanClaimsExactly() {
		assertThat(this.claims.has("sub", "alice")).isTrue();
		assertThat(this.claims.has("sub", "ALICE")).isFalse();
		assertThat(this.claims.has("sub", "ali")).isFalse();
		assertThat(this.claims.has("level", "3")).isTrue();
		assertThat(this.claims.has("verified", "true")).isTrue();
		assertThat(this.claims.has("absent", "x")).isFalse();
	}

	@Test
	void matchesMembersOfArrayClaimsAndOfTheSpaceSeparatedScope() {
		assertThat(this.claims.has("groups", "admins")).isTrue();
		assertThat(this.claims.has("groups", "ops")).isFalse();
		assertThat(this.claims.has("scope", "write")).isTrue();
		assertThat(this.claims.has("scope", "read write")).isTrue();
		assertThat(this.claims.has("scope", "delete")).isFalse();
		assertThat(this.claims.has("sub", "a")).isFalse();
	}

	@Test
	void neverMatchesObjectClaims() {
		assertThat(this.claims.has("profile", "{tier=gold}")).isFalse();
		assertThat(this.claims.text("profile")).isNull();
		assertThat(this.claims.text("groups")).isNull();
	}

	@Test
	void treatsExpressionsInClaimsAsText() {
		JwtClaims expression = new JwtClaims(Map.of("sub", "#{T(java.lang.Runtime).getRuntime().exit(1)}"));
		assertThat(expression.has("sub", "#{T(java.lang.Runtime).getRuntime().exit(1)}")).isTrue();
		assertThat(expression.text("sub")).isEqualTo("#{T(java.lang.Runtime).getRuntime().exit(1)}");
	}

	@Test
	void givesAStickyClaimOnlyFromAValidatedToken() {
		StickyKey key = new StickyKey(StickyKey.Source.CLAIM, "sub");
		MockServerWebExchange validated = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		validated.getAttributes().put(JwtClaims.ATTRIBUTE, this.claims);
		assertThat(key.value(validated)).isEqualTo("alice");
		MockServerWebExchange anonymous = MockServerWebExchange
			.from(MockServerHttpRequest.get("/").header("sub", "alice").cookie(new HttpCookie("sub", "alice")));
		assertThat(key.value(anonymous)).isNull();
		assertThat(JwtClaims.of(anonymous)).isNull();
		assertThat(key).hasToString("claim sub");
	}

}
