package dev.mesh.authz;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mesh.identity.Issued;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.resilience.InboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PeerIdentityTests {

	private static final String STOREFRONT = "spiffe://cluster.local/ns/shop/sa/storefront";

	private static TestCertificateAuthority ca;

	@BeforeAll
	static void startAuthority() throws Exception {
		ca = TestCertificateAuthority.start(new SpiffeId("cluster.local", "shop", "catalog"));
	}

	@AfterAll
	static void stopAuthority() {
		ca.close();
	}

	@Test
	void identifiesAWorkloadCertificateOfTheTrustDomain() throws Exception {
		X509Certificate leaf = ca.issue(STOREFRONT).certificate();
		PeerIdentity peer = PeerIdentity.of(new X509Certificate[] { leaf, ca.root() }, "cluster.local");
		assertThat(peer.principal().getName()).isEqualTo(STOREFRONT);
		assertThat(peer.principal().namespace()).isEqualTo("shop");
		assertThat(peer.principal().serviceAccount()).isEqualTo("storefront");
		assertThat(peer.certificate()).isEqualTo(leaf);
		assertThat(peer.rejected()).isFalse();
	}

	@Test
	void callerWithoutCertificateIsUnauthenticatedNotRejected() {
		assertThat(PeerIdentity.of(null, "cluster.local")).isEqualTo(PeerIdentity.NONE);
		assertThat(PeerIdentity.of(new X509Certificate[0], "cluster.local").rejected()).isFalse();
	}

	@Test
	void rejectsCertificatesThatAreNotWorkloadIdentitiesOfTheTrustDomain() throws Exception {
		assertRejected(ca.issue("spiffe://evil.example/ns/shop/sa/storefront"), "trust domain evil.example");
		assertRejected(ca.issue(List.of(), false), "has 0");
		assertRejected(ca.issue(List.of(STOREFRONT, "spiffe://cluster.local/ns/shop/sa/admin"), false), "has 2");
		assertRejected(ca.issue(List.of(STOREFRONT), true), "CA:true");
		assertRejected(ca.issue(List.of("https://storefront.shop.svc"), false), "not a valid SPIFFE ID");
		assertRejected(ca.issue(List.of("spiffe://cluster.local/storefront"), false), "not a valid SPIFFE ID");
	}

	@Test
	void namesTheRateLimitCallerByItsServiceAccount() throws Exception {
		PeerIdentity peer = PeerIdentity.of(new X509Certificate[] { ca.issue(STOREFRONT).certificate() },
				"cluster.local");
		SpiffeCallerIdentityResolver resolver = new SpiffeCallerIdentityResolver();
		assertThat(resolver.resolve(request(peer, "admin"))).isEqualTo("storefront");
		assertThat(resolver.resolve(request(PeerIdentity.NONE, "admin"))).isNull();
		assertThat(resolver.resolve((name) -> "admin")).isNull();
	}

	private static InboundRequest request(PeerIdentity peer, String callerHeader) {
		return new InboundRequest() {

			@Override
			public String header(String name) {
				return callerHeader;
			}

			@Override
			public Object attribute(String name) {
				return PeerIdentity.ATTRIBUTE.equals(name) ? peer : null;
			}

		};
	}

	private static void assertRejected(Issued issued, String reason) {
		PeerIdentity peer = PeerIdentity.of(new X509Certificate[] { issued.certificate() }, "cluster.local");
		assertThat(peer.principal()).isNull();
		assertThat(peer.rejected()).isTrue();
		assertThat(peer.rejection()).contains(reason);
	}

}
