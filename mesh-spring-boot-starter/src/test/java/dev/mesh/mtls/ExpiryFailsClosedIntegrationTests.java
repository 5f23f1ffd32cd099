package dev.mesh.mtls;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

class ExpiryFailsClosedIntegrationTests {

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext catalog;

	private ConfigurableApplicationContext storefront;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog", "storefront");
		this.ca.ttl(Duration.ofSeconds(4));
		String[] renewal = { "mesh.identity.initial-backoff=100ms", "mesh.identity.max-backoff=300ms" };
		this.catalog = MtlsApplications.servlet(this.ca, "catalog", renewal);
		this.storefront = MtlsApplications.servlet(this.ca, "storefront", renewal[0], renewal[1],
				"mesh.discovery.static.services.catalog[0].url=http://127.0.0.1:" + MtlsApplications.port(this.catalog),
				"mesh.discovery.static.services.catalog[0].metadata[mesh.mtls]=STRICT");
	}

	@AfterEach
	void stop() {
		this.storefront.close();
		this.catalog.close();
		this.ca.close();
	}

	@Test
	void callsFailWhileCertificatesAreExpiredAndRecoverWhenTheAuthorityReturns() {
		this.ca.unavailable(true);
		MeshIdentity server = this.catalog.getBean(MeshIdentity.class);
		MeshIdentity client = this.storefront.getBean(MeshIdentity.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> server.state() == MeshIdentity.State.EXPIRED && client.state() == MeshIdentity.State.EXPIRED);
		RestClient restClient = this.storefront.getBean(RestClient.Builder.class).build();
		WebClient webClient = this.storefront.getBean(WebClient.Builder.class).build();
		assertThatException()
			.isThrownBy(() -> restClient.get().uri("http://catalog/hello").retrieve().body(String.class));
		assertThatException()
			.isThrownBy(() -> webClient.get().uri("http://catalog/hello").retrieve().bodyToMono(String.class).block());
		TlsHandshakes callers = MtlsApplications.handshakes(this.storefront);
		// Every attempt (retries included) refused the expired server certificate
		assertThat(callers.failures(TlsHandshakes.Side.CLIENT)).containsOnlyKeys("expired");
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isZero();

		this.ca.unavailable(false);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> server.state() == MeshIdentity.State.VALID && client.state() == MeshIdentity.State.VALID);
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(restClient.get().uri("http://catalog/hello").retrieve().body(String.class))
				.isEqualTo("hello"));
		assertThat(webClient.get().uri("http://catalog/hello").retrieve().bodyToMono(String.class).block())
			.isEqualTo("hello");
	}

}
