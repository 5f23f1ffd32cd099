package dev.mesh.control.ca;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "mesh.ca.kubernetes.enabled=true",
				"mesh.ca.kubernetes.audiences=mesh-ca" })
@DirtiesContext
class TokenReviewIntegrationTests {

	private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";

	private static final String SERVICE_ACCOUNT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYXRhbG9nIn0.c2lnbmF0dXJl";

	private static final KubernetesMockServer server = new KubernetesMockServer(false);

	static {
		server.init();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private WebTestClient client;

	@BeforeEach
	void createClient() throws InterruptedException {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
			// Forget requests of earlier tests
		}
	}

	@AfterAll
	static void stopServer() {
		server.destroy();
	}

	@Test
	void issuesTheIdentityOfAnAuthenticatedServiceAccount() throws InterruptedException {
		review(201, reviewed(true, "system:serviceaccount:shop:catalog", "mesh-ca"));
		CertificateResponse response = sign().expectStatus()
			.isOk()
			.expectBody(CertificateResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response.spiffeId()).isEqualTo("spiffe://cluster.local/ns/shop/sa/catalog");
		RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getPath()).isEqualTo(TOKEN_REVIEWS);
		assertThat(request.getUtf8Body()).contains("\"token\":\"" + SERVICE_ACCOUNT_TOKEN + "\"")
			.contains("\"audiences\":[\"mesh-ca\"]");
		assertThat(this.meters.get(CaMetrics.ISSUED).tag("credential", "kubernetes").counter().count()).isPositive();
	}

	@Test
	void refusesATokenTheApiServerDoesNotAuthenticate() {
		TokenReview unauthenticated = new TokenReviewBuilder().withNewStatus()
			.withAuthenticated(false)
			.withError("token has expired")
			.endStatus()
			.build();
		review(201, unauthenticated);
		ApiError error = rejection(403);
		assertThat(error.error()).isEqualTo("invalid-credential");
		assertThat(error.message()).endsWith("did not authenticate the service-account token: token has expired");
	}

	@Test
	void refusesTokensOfUsersOrForOtherAudiences() {
		review(201, reviewed(true, "jane@example.com", "mesh-ca"));
		assertThat(rejection(403).message()).contains("does not belong to a service account (user jane@example.com)");
		review(201, reviewed(true, "system:serviceaccount:shop:catalog", "https://kubernetes.default.svc"));
		assertThat(rejection(403).message()).contains("not valid for the audiences [mesh-ca]");
	}

	@Test
	void answersUnavailableWhenTheReviewItselfFails() {
		review(403,
				new StatusBuilder().withCode(403)
					.withMessage("tokenreviews.authentication.k8s.io is forbidden")
					.withStatus("Failure")
					.build());
		ApiError error = rejection(503);
		assertThat(error.error()).isEqualTo("token-review-failed");
	}

	private static TokenReview reviewed(boolean authenticated, String username, String audience) {
		return new TokenReviewBuilder().withNewStatus()
			.withAuthenticated(authenticated)
			.withAudiences(audience)
			.withNewUser()
			.withUsername(username)
			.endUser()
			.endStatus()
			.build();
	}

	private static void review(int status, Object body) {
		server.expect().post().withPath(TOKEN_REVIEWS).andReturn(status, body).once();
	}

	private WebTestClient.ResponseSpec sign() {
		return this.client.post()
			.uri(CertificateApi.CERTIFICATES)
			.header("Authorization", "Bearer " + SERVICE_ACCOUNT_TOKEN)
			.bodyValue(Map.of("csr", TestPki.csr(TestPki.ec())))
			.exchange();
	}

	private ApiError rejection(int status) {
		return sign().expectStatus().isEqualTo(status).expectBody(ApiError.class).returnResult().getResponseBody();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MockKubernetesConfiguration {

		@Bean
		KubernetesClient kubernetesClient() {
			return server.createClient();
		}

	}

}
