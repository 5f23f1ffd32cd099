package dev.mesh.authz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.TestInboundRequest;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step answers every request as the reactive filter does: {@code /admin} is denied to
 * everyone, requests of the {@code blue} tenant and of {@code pricing} too.
 */
class AccessPolicyStepTests {

	private static final PeerIdentity STOREFRONT = peer("storefront");

	private static final PeerIdentity PRICING = peer("pricing");

	private final AccessPolicyWebFilter filter = new AccessPolicyWebFilter(authorization());

	private final AccessPolicyStep step = new AccessPolicyStep(this.filter);

	@Test
	void letsThroughWhatThePoliciesAllow() {
		assertThat(answers("GET", "/orders/3", Map.of(), PeerIdentity.NONE)).isNull();
		assertThat(answers("POST", "/orders", Map.of("X-Tenant", "green"), STOREFRONT)).isNull();
	}

	@Test
	void refusesEverySpellingOfADeniedPathWithTheFiltersProblem() {
		for (String path : NormalizationMatrix.ADMIN) {
			assertThat(answers("GET", path, Map.of(), STOREFRONT)).as(path)
				.isNotNull()
				.extracting(Answer::status)
				.isIn(400, 403);
		}
		assertThat(answers("GET", "/admin", Map.of(), STOREFRONT).body()).contains("\"reason\":\"denied\"");
		assertThat(answers("GET", "/%2e%2e/admin", Map.of(), STOREFRONT).body()).contains("\"reason\":\"bad-path\"");
	}

	@Test
	void decidesOnTheHeadersOfTheRequest() {
		assertThat(answers("GET", "/orders/3", Map.of("X-Tenant", "blue"), STOREFRONT).status()).isEqualTo(403);
	}

	@Test
	void decidesOnTheCallerThatThePeerIdentityStepIdentified() {
		assertThat(answers("GET", "/orders/3", Map.of(), PRICING).status()).isEqualTo(403);
	}

	@Test
	void doesTheWorkOfTheAccessPolicyFilter() {
		assertThat(this.step.webFilter()).isEqualTo(AccessPolicyWebFilter.class);
	}

	/**
	 * Answer a request through the step, checking that the filter answers it the same.
	 */
	private Answer answers(String method, String rawPath, Map<String, String> headers, PeerIdentity peer) {
		TestInboundRequest request = TestInboundRequest.of(method, rawPath);
		headers.forEach(request::header);
		request.attributes().put(PeerIdentity.ATTRIBUTE, peer);
		InboundRefusal refusal = this.step.apply(request);
		Answer answer = (refusal != null) ? new Answer(refusal.status(), refusal.contentType(),
				new String(refusal.body(), StandardCharsets.UTF_8), refusal.headers()) : null;
		assertThat(answer).as("%s %s", method, rawPath).isEqualTo(filtered(method, rawPath, headers, peer));
		return answer;
	}

	private Answer filtered(String method, String rawPath, Map<String, String> headers, PeerIdentity peer) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method),
				URI.create("http://127.0.0.1" + rawPath));
		headers.forEach(request::header);
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		exchange.getAttributes().put(PeerIdentity.ATTRIBUTE, peer);
		AtomicBoolean passed = new AtomicBoolean();
		this.filter.filter(exchange, (next) -> Mono.fromRunnable(() -> passed.set(true))).block();
		if (passed.get()) {
			return null;
		}
		MockServerHttpResponse response = exchange.getResponse();
		return new Answer(response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
				response.getBodyAsString().block(), Map.of());
	}

	private static MeshAuthorization authorization() {
		MeshAuthzProperties properties = new MeshAuthzProperties();
		properties.setCaseInsensitivePaths(true);
		return new MeshAuthorization(
				new MeshPolicyState(
						new MockEnvironment().withProperty("mesh.inbound.access[shop/deny-admin].action", "DENY")
							.withProperty("mesh.inbound.access[shop/deny-admin].rules[0].to.paths[0]", "/admin/*")
							.withProperty("mesh.inbound.access[shop/deny-blue].action", "DENY")
							.withProperty("mesh.inbound.access[shop/deny-blue].rules[0].when.x-tenant", "blue")
							.withProperty("mesh.inbound.access[shop/deny-pricing].action", "DENY")
							.withProperty("mesh.inbound.access[shop/deny-pricing].rules[0].from.principals[0]",
									PRICING.principal().getName())),
				properties, "cluster.local",
				new AuthorizationDecisions(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)));
	}

	private static PeerIdentity peer(String serviceAccount) {
		return new PeerIdentity(new MeshPrincipal(new SpiffeId("cluster.local", "shop", serviceAccount)), null, null);
	}

	record Answer(int status, String contentType, String body, Map<String, String> headers) {

	}

}
