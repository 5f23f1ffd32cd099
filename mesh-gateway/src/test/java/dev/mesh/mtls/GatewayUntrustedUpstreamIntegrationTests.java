package dev.mesh.mtls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.gateway.GatewayApplication;
import dev.mesh.gateway.OwnNettyResources;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.identity.TestCertificateAuthority.Flaw;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream presenting a certificate of another certificate authority than the mesh's,
 * naming the very identity the gateway expects, is refused during the handshake: the
 * request never reaches it.
 */
class GatewayUntrustedUpstreamIntegrationTests {

	private static final String STATIC = "mesh.discovery.static.services.";

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private TestCertificateAuthority ca;

	private RogueServer rogue;

	private ConfigurableApplicationContext gateway;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("gateway");
		Instant now = Instant.now();
		this.rogue = RogueServer.start(this.ca.issue(MtlsApplications.identity("pricing"), Flaw.OTHER_CA,
				now.minusSeconds(60), now.plusSeconds(3600)));
		// Arguments, so that they take precedence over the gateway's application.yml
		this.gateway = new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
			.run(Stream.of("spring.application.name=gateway", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
					"mesh.control.url=" + this.ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=join.gateway.secret", "mesh.inbound.mtls.mode=DISABLED",
					"mesh.discovery.drain-delay=0s", STATIC + "pricing[0].url=http://127.0.0.1:" + this.rogue.port(),
					STATIC + "pricing[0].identity=spiffe://cluster.local/ns/default/sa/pricing",
					STATIC + "pricing[0].metadata[mesh.mtls]=STRICT", ROUTES + "[0].id=pricing",
					ROUTES + "[0].uri=lb://pricing", ROUTES + "[0].predicates[0]=Path=/pricing/**",
					ROUTES + "[0].filters[0]=StripPrefix=1")
				.map((property) -> "--" + property)
				.toArray(String[]::new));
	}

	@AfterEach
	void stop() {
		this.gateway.close();
		this.rogue.close();
		this.ca.close();
	}

	@Test
	void refusesAnUpstreamWithACertificateOfAnotherAuthority() throws Exception {
		int port = MtlsApplications.port(this.gateway);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pricing/hello"))
				.timeout(Duration.ofSeconds(20))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isBetween(500, 599);
		assertThat(response.body()).doesNotContain("rogue");
		assertThat(this.rogue.requests()).isZero();
		TlsHandshakes handshakes = MtlsApplications.handshakes(this.gateway);
		assertThat(handshakes.failures(TlsHandshakes.Side.CLIENT)).containsKey("untrusted");
		assertThat(handshakes.count(TlsHandshakes.Side.CLIENT, "ok")).isZero();
		assertThat(this.gateway.getBean(MeterRegistry.class)
			.get(TlsHandshakes.METER)
			.tag("side", "client")
			.tag("result", "failed")
			.tag("reason", "untrusted")
			.functionCounter()
			.count()).isPositive();
	}

}
