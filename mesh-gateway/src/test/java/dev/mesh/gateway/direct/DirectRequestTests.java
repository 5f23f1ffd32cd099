package dev.mesh.gateway.direct;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.netty.http.server.HttpServerRequest;

import dev.mesh.loadbalancer.HashKeyValues;
import dev.mesh.loadbalancer.RequestHashKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A request target read as WebFlux reads it: WebFlux makes a {@link URI} of
 * {@code scheme://host:port} and the target, as Spring's {@code ReactorUriHelper} does.
 */
class DirectRequestTests {

	private static final String[] QUERIES = { "a&a=1", "a=1&a=2", "=b", "a==b", "a=1=2", "a=+", "a=%2B", "a=", "a",
			"a=&a=1", "q=%E2%82%AC", "%E2%82%AC=euro", "a=1;b=2", "a=%C3", "a%3D1=2", "a+b=c", "&&a=1&&", "A=1", "",
			"b=x&a=%2f%2F", "a=%00" };

	private static final String[] NAMES = { "a", "b", "q", "", " ", "€", "a=1", "a b", "A" };

	@Test
	void readsOriginFormTargetsWithWebFluxsRawPathAndQuery() throws Exception {
		for (String target : List.of("/", "/a/b%20c/", "/a?x=1&y=2", "/a;v=1/b", "/a?b?c=/d", "/~u/(x)*!$'+,;=:@",
				"/a%2Fb?x=%2F", "/%e2%82%AC", "/a?x=%00")) {
			DirectRequest request = DirectRequest.of(request(target));
			URI webflux = webflux(target);
			assertThat(request).as(target).isNotNull();
			assertThat(request.rawPath()).as(target).isEqualTo(request.path()).isEqualTo(webflux.getRawPath());
			assertThat(request.query()).as(target).isEqualTo(webflux.getRawQuery());
		}
	}

	@Test
	void declinesTargetsThatAreNotAPlainPathAndQuery() {
		for (String target : List.of("", "*", "http://example.org/a", "example.org:443", "a/b", "/a#b", "/a?x=1#b",
				// rewritten by Spring Cloud Gateway's UriComponentsBuilder
				"/a?", "//double//slash", "/a?x=1&&y", "/a?&x", "/a?x&", "/a?=b", "/a?x=1&=b", "/a%zz", "/a?x=%zz",
				"/a%2", "/a%", "/a?x=%", "/a b", "/a|b", "/a\"b", "/a{b}", "/a\\b", "/a^b", "/a`b", "/a<b>", "/é",
				"/a\u0000", "/a?x=\t", "/a?x=[1]")) {
			assertThat(DirectRequest.of(request(target))).as(target).isNull();
		}
	}

	@Test
	void acceptsOnlyCharactersThatWebFluxKeepsAsSent() {
		Set<String> declinedThoughWebFluxTakesThem = new TreeSet<>();
		for (char c = 0; c < 128; c++) {
			for (String target : List.of("/a" + c + "b", "/a?x=" + c + "&y")) {
				DirectRequest request = DirectRequest.of(request(target));
				URI webflux = webfluxOrNull(target);
				if (request != null) {
					assertThat(webflux).as(target).isNotNull();
					assertThat(request.rawPath()).as(target).isEqualTo(webflux.getRawPath());
					assertThat(request.query()).as(target).isEqualTo(webflux.getRawQuery());
				}
				else if (webflux != null && webflux.getRawFragment() == null) {
					declinedThoughWebFluxTakesThem.add(target);
				}
			}
		}
		// WebFlux takes brackets in a query; declining them only costs the fast path
		// "&&" is an empty pair that Spring Cloud Gateway drops when it rebuilds the URI
		assertThat(declinedThoughWebFluxTakesThem).containsExactly("/a?x=&&y", "/a?x=[&y", "/a?x=]&y");
	}

	@Test
	void readsQueryParametersAsSpringsServerHttpRequestDoes() throws Exception {
		List<String> compared = new ArrayList<>();
		for (String query : QUERIES) {
			String target = "/p?" + query;
			DirectRequest direct = DirectRequest.of(request(target));
			if (direct == null) {
				// a query Spring Cloud Gateway rewrites: left to WebFlux
				continue;
			}
			ServerHttpRequest spring = MockServerHttpRequest.method(HttpMethod.GET, webflux(target)).build();
			for (String name : NAMES) {
				String expected = spring.getQueryParams().getFirst(name);
				assertThat(direct.queryParameter(name)).as("%s in %s", name, query).isEqualTo(expected);
				assertThat(direct.rawQueryParameter(name)).as("raw %s in %s", name, query)
					.isEqualTo(HashKeyValues.of(null, webflux(target), null)
						.value(new RequestHashKey(RequestHashKey.Source.QUERY_PARAMETER, name)));
				compared.add(expected);
			}
		}
		assertThat(compared).contains("=b", "1=2", " ", "+", "", "€", "euro", "1;b=2", "\uFFFD", "2", "c", "/" + "/",
				"\u0000");
		assertThat(DirectRequest.of(request("/p")).queryParameter("a")).isNull();
	}

	@Test
	void readsTheFirstCookieAndHeaderOfANameAsSent() {
		HttpServerRequest sent = request("/p");
		DefaultHttpHeaders headers = new DefaultHttpHeaders();
		headers.add("X-Tenant", "one").add("X-Tenant", "two");
		given(sent.requestHeaders()).willReturn(headers);
		given(sent.allCookies()).willReturn(Map.<CharSequence, List<Cookie>>of("session",
				List.<Cookie>of(new DefaultCookie("session", "s1"), new DefaultCookie("session", "s2"))));
		DirectRequest request = DirectRequest.of(sent);
		assertThat(request.header("x-tenant")).isEqualTo("one");
		assertThat(request.headers("X-Tenant")).containsExactly("one", "two");
		assertThat(request.cookie("session")).isEqualTo("s1");
		assertThat(request.cookie("theme")).isNull();
		assertThat(request.claims()).isNull();
	}

	private static HttpServerRequest request(String target) {
		HttpServerRequest request = mock(HttpServerRequest.class);
		given(request.uri()).willReturn(target);
		return request;
	}

	private static URI webflux(String target) throws URISyntaxException {
		return new URI("http://127.0.0.1:8080" + target);
	}

	private static URI webfluxOrNull(String target) {
		try {
			return webflux(target);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
