package dev.mesh.authz;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.inbound.TestInboundRequest;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.resilience.HeaderCallerIdentityResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PeerIdentityStepTests {

	private static final String STOREFRONT = "spiffe://cluster.local/ns/shop/sa/storefront";

	private static TestCertificateAuthority ca;

	private final PeerIdentityWebFilter filter = new PeerIdentityWebFilter(
			new MeshAuthorization(new MeshPolicyState(new MockEnvironment()), new MeshAuthzProperties(),
					"cluster.local",
					new AuthorizationDecisions(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class))),
			IdentityHeaders.stripped(List.of("X-Internal-User"), HeaderCallerIdentityResolver.HEADER));

	private final PeerIdentityStep step = new PeerIdentityStep(this.filter);

	@BeforeAll
	static void startAuthority() throws Exception {
		ca = TestCertificateAuthority.start(new SpiffeId("cluster.local", "shop", "catalog"));
	}

	@AfterAll
	static void stopAuthority() {
		ca.close();
	}

	@Test
	void leavesARequestCarryingAnIdentityHeaderToTheFilter() {
		assertThat(this.step.accepts(TestInboundRequest.get("/orders").header("X-Tenant", "blue"))).isTrue();
		for (String header : List.of("X-Forwarded-Client-Cert", "x-spiffe-id", "Client-Cert", "X-INTERNAL-USER",
				HeaderCallerIdentityResolver.HEADER)) {
			assertThat(this.step.accepts(TestInboundRequest.get("/orders").header(header, STOREFRONT))).as(header)
				.isFalse();
		}
	}

	@Test
	void identifiesAMeshCallerAsTheFilterDoes() throws Exception {
		X509Certificate[] chain = { ca.issue(STOREFRONT).certificate(), ca.root() };
		TestInboundRequest request = TestInboundRequest.get("/orders").certificates(chain);
		assertThat(this.step.apply(request)).isNull();
		PeerIdentity peer = (PeerIdentity) request.attributes().get(PeerIdentity.ATTRIBUTE);
		assertThat(peer.principal().getName()).isEqualTo(STOREFRONT);
		assertThat(request.attributes()).containsEntry(MeshPrincipal.ATTRIBUTE, peer.principal())
			.isEqualTo(filtered(chain));
	}

	@Test
	void keepsACallerWithoutCertificateUnauthenticated() {
		TestInboundRequest request = TestInboundRequest.get("/orders");
		assertThat(this.step.apply(request)).isNull();
		assertThat(request.attributes()).containsExactly(entry(PeerIdentity.ATTRIBUTE, PeerIdentity.NONE))
			.isEqualTo(filtered(null));
	}

	@Test
	void keepsACertificateOfAnotherTrustDomainRejectedWithoutPrincipal() throws Exception {
		X509Certificate[] chain = { ca.issue("spiffe://evil.example/ns/shop/sa/storefront").certificate() };
		TestInboundRequest request = TestInboundRequest.get("/orders").certificates(chain);
		assertThat(this.step.apply(request)).isNull();
		assertThat(((PeerIdentity) request.attributes().get(PeerIdentity.ATTRIBUTE)).rejected()).isTrue();
		assertThat(request.attributes()).doesNotContainKey(MeshPrincipal.ATTRIBUTE).isEqualTo(filtered(chain));
	}

	@Test
	void doesTheWorkOfThePeerIdentityFilter() {
		assertThat(this.step.webFilter()).isEqualTo(PeerIdentityWebFilter.class);
	}

	private Map<String, Object> filtered(X509Certificate[] chain) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/orders");
		if (chain != null) {
			request.sslInfo(new SslInfo() {

				@Override
				public String getSessionId() {
					return "session";
				}

				@Override
				public X509Certificate[] getPeerCertificates() {
					return chain;
				}

			});
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		this.filter.filter(exchange, (passed) -> Mono.empty()).block();
		Map<String, Object> attributes = new HashMap<>(exchange.getAttributes());
		attributes.remove(ServerWebExchange.LOG_ID_ATTRIBUTE);
		return attributes;
	}

}
