package dev.mesh.mtls;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.identity.TestCertificateAuthority.Flaw;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

class OutboundMtlsIntegrationTests {

	private static final String STATIC = "mesh.discovery.static.services.";

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext catalog;

	private RogueServer impostor;

	private RogueServer foreign;

	private RogueServer twoNames;

	private ConfigurableApplicationContext storefront;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog", "storefront");
		this.catalog = MtlsApplications.servlet(this.ca, "catalog");
		Instant now = Instant.now();
		// A valid mesh certificate, but the catalog's, not the pricing service's
		this.impostor = RogueServer.start(this.ca.issue(MtlsApplications.identity("catalog")));
		this.foreign = RogueServer.start(this.ca.issue(new SpiffeId("evil.example", "default", "rogue")));
		this.twoNames = RogueServer.start(this.ca.issue(MtlsApplications.identity("rogue"), Flaw.TWO_URIS,
				now.minusSeconds(60), now.plusSeconds(3600)));
		String catalogUrl = "http://127.0.0.1:" + MtlsApplications.port(this.catalog);
		this.storefront = MtlsApplications.servlet(this.ca, "storefront", STATIC + "catalog[0].url=" + catalogUrl,
				STATIC + "catalog[0].identity=spiffe://cluster.local/ns/default/sa/catalog",
				STATIC + "pricing[0].url=http://127.0.0.1:" + this.impostor.port(),
				STATIC + "pricing[0].metadata[mesh.mtls]=STRICT",
				STATIC + "foreign[0].url=http://127.0.0.1:" + this.foreign.port(),
				STATIC + "foreign[0].metadata[mesh.mtls]=STRICT",
				STATIC + "rogue[0].url=http://127.0.0.1:" + this.twoNames.port(),
				STATIC + "rogue[0].metadata[mesh.mtls]=STRICT");
	}

	@AfterEach
	void stop() {
		this.storefront.close();
		this.catalog.close();
		this.impostor.close();
		this.foreign.close();
		this.twoNames.close();
		this.ca.close();
	}

	@Test
	void callsTheDestinationOverPooledMutualTls() {
		RestClient client = this.storefront.getBean(RestClient.Builder.class).build();
		WebClient webClient = this.storefront.getBean(WebClient.Builder.class).build();
		assertThat(client.get().uri("http://catalog/hello").retrieve().body(String.class)).isEqualTo("hello");
		assertThat(webClient.get().uri("http://catalog/hello").retrieve().bodyToMono(String.class).block())
			.isEqualTo("hello");
		TlsHandshakes callers = MtlsApplications.handshakes(this.storefront);
		TlsHandshakes servers = MtlsApplications.handshakes(this.catalog);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(servers.count(TlsHandshakes.Side.SERVER, "ok")).isEqualTo(2));
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isEqualTo(2);
		for (int i = 0; i < 1000; i++) {
			assertThat(client.get().uri("http://catalog/hello").retrieve().body(String.class)).isEqualTo("hello");
		}
		// Steady state: every request on a pooled connection, no new handshake
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isEqualTo(2);
		assertThat(servers.count(TlsHandshakes.Side.SERVER, "ok")).isEqualTo(2);
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "failed")).isZero();
	}

	@Test
	void refusesAServerThatIsNotTheDestinationEvenWithAMeshCertificate() {
		RestClient client = this.storefront.getBean(RestClient.Builder.class).build();
		TlsHandshakes callers = MtlsApplications.handshakes(this.storefront);
		assertThatException().isThrownBy(() -> client.get().uri("http://pricing/hello").retrieve().body(String.class));
		assertThat(callers.failures(TlsHandshakes.Side.CLIENT)).containsKey("wrong-identity");
		assertThatException().isThrownBy(() -> client.get().uri("http://foreign/hello").retrieve().body(String.class));
		assertThat(callers.failures(TlsHandshakes.Side.CLIENT)).containsKey("foreign-trust-domain");
		assertThatException().isThrownBy(() -> client.get().uri("http://rogue/hello").retrieve().body(String.class));
		assertThat(callers.failures(TlsHandshakes.Side.CLIENT)).containsKey("bad-leaf");
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isZero();
	}

}
