package dev.mesh.control.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.mesh.control.registry.MutableClock;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.JoinToken;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
class CertificateApiIntegrationTests {

	static final String ADMIN = "Bearer test-admin-token-0123456789";

	private static final MutableClock clock = new MutableClock(Instant.now());

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void issuesTheJoinTokensIdentityInACertificateThatValidatesAgainstTheTrustBundle() throws Exception {
		JoinToken token = mint("{\"namespace\": \"shop\", \"serviceAccount\": \"catalog\"}");
		List<X509Certificate> trustBundle = Pem.readCertificates(this.client.get()
			.uri(CertificateApi.TRUST_BUNDLE)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(CertificateApi.PEM_MEDIA_TYPE)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		KeyPair key = TestPki.ec();
		double issuedBefore = issued();
		CertificateResponse response = sign(token.token(), TestPki.csr(key)).expectStatus()
			.isOk()
			.expectBody(CertificateResponse.class)
			.returnResult()
			.getResponseBody();
		List<X509Certificate> chain = Pem.readCertificates(response.certificateChain());
		assertThat(WorkloadCertificates.verify(chain, trustBundle, "cluster.local", Role.CLIENT, clock.instant()))
			.hasToString("spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(response.spiffeId()).isEqualTo("spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(chain.get(0).getPublicKey()).isEqualTo(key.getPublic());
		assertThat(response.notAfter()).isEqualTo(chain.get(0).getNotAfter().toInstant());
		// X.509 times have whole seconds
		assertThat(Duration.between(clock.instant().truncatedTo(ChronoUnit.SECONDS), response.notAfter()))
			.isEqualTo(Duration.ofHours(24));
		assertThat(Pem.readCertificates(response.trustBundle())).isEqualTo(trustBundle);
		assertThat(issued()).isEqualTo(issuedBefore + 1);
		assertThat(this.meters.get(CaMetrics.NOT_AFTER).gauge().value())
			.isEqualTo(trustBundle.get(0).getNotAfter().toInstant().getEpochSecond());
	}

	@Test
	void signsNothingWithoutAValidJoinToken() {
		JoinToken revoked = mint("{\"serviceAccount\": \"revoked\"}");
		JoinToken expiring = mint("{\"serviceAccount\": \"expiring\", \"ttl\": \"5m\"}");
		this.client.delete()
			.uri(CertificateApi.JOIN_TOKENS + "/" + revoked.id())
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isNoContent();
		double issuedBefore = issued();
		String csr = TestPki.csr(TestPki.ec());
		ApiError missing = this.client.post()
			.uri(CertificateApi.CERTIFICATES)
			.bodyValue(new CertificateRequest(csr))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"mesh\"")
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(missing.error()).isEqualTo("missing-credential");
		assertThat(rejection(revoked.token(), csr, 403).error()).isEqualTo("invalid-credential");
		assertThat(rejection(expiring.token().substring(0, 30), csr, 403).error()).isEqualTo("invalid-credential");
		assertThat(rejection("eyJhbGciOiJSUzI1NiJ9.e30.sig", csr, 403).message())
			.contains("Kubernetes service-account tokens are not enabled");
		clock.advance(Duration.ofMinutes(5));
		assertThat(rejection(expiring.token(), csr, 403).error()).isEqualTo("expired-credential");
		assertThat(issued()).isEqualTo(issuedBefore);
		assertThat(rejected("missing-credential")).isPositive();
		assertThat(rejected("expired-credential")).isPositive();
	}

	@Test
	void aJoinTokenForOneIdentityCannotGetAnother() {
		JoinToken catalog = mint("{\"namespace\": \"shop\", \"serviceAccount\": \"catalog\"}");
		ApiError error = rejection(catalog.token(),
				TestPki.csr(TestPki.ec(), "spiffe://cluster.local/ns/shop/sa/pricing"), 403);
		assertThat(error.error()).isEqualTo("not-entitled");
		assertThat(error.message()).contains("entitles only spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(rejected("not-entitled")).isPositive();
	}

	@Test
	void rejectsRsaKeysAndBadSignatures() {
		JoinToken token = mint("{\"serviceAccount\": \"keys\"}");
		assertThat(rejection(token.token(), TestPki.csr(TestPki.rsa()), 400).error()).isEqualTo("unsupported-key");
		assertThat(rejection(token.token(), TestPki.csr(TestPki.ec(), TestPki.ec()), 400).error())
			.isEqualTo("bad-signature");
		assertThat(rejection(token.token(), "", 400).violations()).extracting((violation) -> violation.field())
			.containsExactly("csr");
		assertThat(rejected("bad-signature")).isPositive();
	}

	@Test
	void joinTokensNeedTheAdminTokenAndValidRequests() {
		this.client.post()
			.uri(CertificateApi.JOIN_TOKENS)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"serviceAccount\": \"catalog\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		ApiError invalid = joinTokenRequest("{\"namespace\": \"Shop\", \"serviceAccount\": \"a/b\", \"ttl\": \"soon\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(invalid.violations()).extracting((violation) -> violation.field())
			.containsExactly("namespace", "serviceAccount", "ttl");
		ApiError reserved = joinTokenRequest(
				"{\"namespace\": \"mesh-system\", \"serviceAccount\": \"mesh-control-service\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(reserved.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("reserved"));
		JoinToken listed = mint("{\"serviceAccount\": \"listed\"}");
		List<JoinToken> tokens = this.client.get()
			.uri(CertificateApi.JOIN_TOKENS)
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(JoinToken.class)
			.returnResult()
			.getResponseBody();
		assertThat(tokens).anySatisfy((token) -> assertThat(token.id()).isEqualTo(listed.id()))
			.allSatisfy((token) -> assertThat(token.token()).isNull());
		this.client.delete()
			.uri(CertificateApi.JOIN_TOKENS + "/0123456789abcdef")
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aMeshConfigMustNameTheAuthoritysTrustDomain() {
		String meshConfig = "apiVersion: mesh.dev/v1\nkind: MeshConfig\nmetadata: {name: mesh}\n"
				+ "spec: {security: {trustDomain: %s}}\n";
		ApiError error = this.client.post()
			.uri("/v1/policies")
			.header("Authorization", ADMIN)
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(meshConfig.formatted("shop.example"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo("spec.security.trustDomain");
			assertThat(violation.message()).contains("cluster.local (mesh.ca.trust-domain)");
		});
		this.client.post()
			.uri("/v1/policies")
			.header("Authorization", ADMIN)
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(meshConfig.formatted("cluster.local"))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private JoinToken mint(String body) {
		return joinTokenRequest(body).expectStatus()
			.isCreated()
			.expectBody(JoinToken.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec joinTokenRequest(String body) {
		return this.client.post()
			.uri(CertificateApi.JOIN_TOKENS)
			.header("Authorization", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec sign(String token, String csr) {
		return this.client.post()
			.uri(CertificateApi.CERTIFICATES)
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("csr", csr))
			.exchange();
	}

	private ApiError rejection(String token, String csr, int status) {
		return sign(token, csr).expectStatus()
			.isEqualTo(status)
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
	}

	private double issued() {
		return this.meters.get(CaMetrics.ISSUED).tag("credential", "join-token").counter().count();
	}

	private double rejected(String reason) {
		return this.meters.get(CaMetrics.REJECTED).tag("reason", reason).counter().count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		Clock clock() {
			return clock;
		}

	}

}
