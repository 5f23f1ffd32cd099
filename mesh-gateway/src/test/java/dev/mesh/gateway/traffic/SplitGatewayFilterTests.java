package dev.mesh.gateway.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshSubset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuing the cookie of sticky splits.
 */
class SplitGatewayFilterTests {

	private static final List<Destination> HALVES = List.of(
			new Destination("v1", new MeshSubset(Map.of("version", "v1")), 50),
			new Destination("v2", new MeshSubset(Map.of("version", "v2")), 50));

	private final StickyCookieIssuer issuer = new StickyCookieIssuer(Duration.ofHours(12));

	@Test
	void issuesARandomCookieAndSplitsTheRequestByIt() {
		SubsetSplit split = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.COOKIE, "user"));
		MockServerWebExchange exchange = filter(split, this.issuer, MockServerHttpRequest.get("http://gw/items"));
		ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("user");
		assertThat(cookie).isNotNull();
		assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{22}");
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.isSecure()).isFalse();
		assertThat(cookie.getSameSite()).isEqualTo("Lax");
		assertThat(cookie.getPath()).isEqualTo("/");
		assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofHours(12));
		Destination chosen = exchange.getAttribute(SplitGatewayFilter.DESTINATION_ATTRIBUTE);
		assertThat(chosen).isEqualTo(split.owner(StickyKey.bucket(cookie.getValue())));
		assertThat(exchange.getAttributes()).containsEntry(StickyCookieIssuer.ISSUED_ATTRIBUTE, "user");
		MockServerWebExchange other = filter(split, this.issuer, MockServerHttpRequest.get("http://gw/items"));
		assertThat(other.getResponse().getCookies().getFirst("user").getValue()).isNotEqualTo(cookie.getValue());
	}

	@Test
	void marksTheCookieSecureWhenTheRequestCameOverTls() {
		SubsetSplit split = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.COOKIE, "user"));
		MockServerWebExchange exchange = filter(split, this.issuer, MockServerHttpRequest.get("https://gw/items"));
		assertThat(exchange.getResponse().getCookies().getFirst("user").isSecure()).isTrue();
	}

	@Test
	void issuesNothingWhenTheUserHasTheCookieOrTheKeyIsAHeader() {
		SubsetSplit byCookie = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.COOKIE, "user"));
		MockServerWebExchange known = filter(byCookie, this.issuer,
				MockServerHttpRequest.get("http://gw/items").cookie(new HttpCookie("user", "alice")));
		assertThat(known.getResponse().getCookies()).isEmpty();
		assertThat((Destination) known.getAttribute(SplitGatewayFilter.DESTINATION_ATTRIBUTE))
			.isEqualTo(byCookie.owner(StickyKey.bucket("alice")));
		SubsetSplit byHeader = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.HEADER, "user"));
		assertThat(
				filter(byHeader, this.issuer, MockServerHttpRequest.get("http://gw/items")).getResponse().getCookies())
			.isEmpty();
		SubsetSplit off = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.COOKIE, "user"));
		assertThat(filter(off, null, MockServerHttpRequest.get("http://gw/items")).getResponse().getCookies())
			.isEmpty();
	}

	@Test
	void leavesTheCookieToTheBackendWhenItSetsOne() {
		SubsetSplit split = new SubsetSplit(HALVES, new StickyKey(StickyKey.Source.COOKIE, "user"));
		MockServerWebExchange exchange = filter(split, this.issuer, MockServerHttpRequest.get("http://gw/items"));
		exchange.getResponse().getHeaders().add(HttpHeaders.SET_COOKIE, "user=from-the-app; Path=/");
		exchange.getResponse().setComplete().block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getHeaders().get(HttpHeaders.SET_COOKIE))
			.containsExactly("user=from-the-app; Path=/");
	}

	private static MockServerWebExchange filter(SubsetSplit split, StickyCookieIssuer issuer,
			MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		GatewayFilterChain chain = (filtered) -> Mono.empty();
		new SplitGatewayFilter(split, null, issuer).filter(exchange, chain).block(Duration.ofSeconds(5));
		return exchange;
	}

}
