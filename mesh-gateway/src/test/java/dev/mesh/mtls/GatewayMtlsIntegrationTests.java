package dev.mesh.mtls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.gateway.GatewayApplication;
import dev.mesh.gateway.OwnNettyResources;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code lb://} routes call mesh destinations over mutual TLS: the picked
 * instance is https, and the routing client presents the gateway's certificate and checks
 * the server's identity.
 */
class GatewayMtlsIntegrationTests {

	private static final String STATIC = "mesh.discovery.static.services.";

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	private static final String MIRRORED = "mesh.gateway.routes[shop/mirrored].";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext catalog;

	private RogueServer impostor;

	private ConfigurableApplicationContext gateway;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog", "gateway");
		// Not the gateway's application.yml, which would name it and take its ports
		this.catalog = MtlsApplications.reactive(this.ca, "catalog", "spring.config.name=catalog");
		// A valid mesh certificate, but the catalog's, not the pricing service's
		this.impostor = RogueServer.start(this.ca.issue(MtlsApplications.identity("catalog")));
		// Arguments, so that they take precedence over the gateway's application.yml
		this.gateway = new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
			.run(arguments("spring.application.name=gateway", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
					"mesh.control.url=" + this.ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=join.gateway.secret", "mesh.inbound.mtls.mode=DISABLED",
					"mesh.discovery.drain-delay=0s",
					STATIC + "catalog[0].url=http://127.0.0.1:" + MtlsApplications.port(this.catalog),
					STATIC + "catalog[0].identity=spiffe://cluster.local/ns/default/sa/catalog",
					STATIC + "catalog[0].version=v1", "mesh.outbound.destinations.catalog.subsets.v1.labels.version=v1",
					MIRRORED + "service=catalog", MIRRORED + "match.path-prefix=/mirrored", MIRRORED + "strip-prefix=1",
					MIRRORED + "mirror.subset=v1", MIRRORED + "mirror.percent=100",
					STATIC + "pricing[0].url=http://127.0.0.1:" + this.impostor.port(),
					STATIC + "pricing[0].metadata[mesh.mtls]=STRICT", ROUTES + "[0].id=catalog",
					ROUTES + "[0].uri=lb://catalog", ROUTES + "[0].predicates[0]=Path=/catalog/**",
					ROUTES + "[0].filters[0]=StripPrefix=1", ROUTES + "[1].id=pricing", ROUTES + "[1].uri=lb://pricing",
					ROUTES + "[1].predicates[0]=Path=/pricing/**", ROUTES + "[1].filters[0]=StripPrefix=1"));
	}

	@AfterEach
	void stop() {
		this.gateway.close();
		this.impostor.close();
		this.catalog.close();
		this.ca.close();
	}

	@Test
	void routesToAStrictDestinationOverPooledMutualTls() throws Exception {
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = get("/catalog/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
		}
		TlsHandshakes callers = MtlsApplications.handshakes(this.gateway);
		// Sequential requests share pooled connections, not one handshake each: the pool
		// gets a connection back on its event loop a moment after the answer is out, so
		// a request that comes right after may open a second one
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isBetween(1L, 3L);
		assertThat(MtlsApplications.handshakes(this.catalog).count(TlsHandshakes.Side.SERVER, "ok"))
			.isEqualTo(callers.count(TlsHandshakes.Side.CLIENT, "ok"));
	}

	@Test
	void mirrorsToAShadowOverMutualTlsAsTheRouteCallsItsService() throws Exception {
		HttpResponse<String> response = get("/mirrored/hello");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		PolicyRouteLocator routes = this.gateway.getBean(PolicyRouteLocator.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(routes.mirror("shop/mirrored").stats())
				.satisfies((stats) -> assertThat(stats.answered()).as(stats.toString()).isOne()));
		assertThat(routes.mirror("shop/mirrored").stats().failed()).isZero();
		assertThat(MtlsApplications.handshakes(this.catalog).failures(TlsHandshakes.Side.SERVER)).isEmpty();
	}

	@Test
	void refusesADestinationWithAnotherMeshIdentity() throws Exception {
		HttpResponse<String> response = get("/pricing/hello");
		assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
		assertThat(response.body()).doesNotContain("rogue");
		TlsHandshakes callers = MtlsApplications.handshakes(this.gateway);
		assertThat(callers.failures(TlsHandshakes.Side.CLIENT)).containsKey("wrong-identity");
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "ok")).isZero();
	}

	private static String[] arguments(String... properties) {
		return Stream.of(properties).map((property) -> "--" + property).toArray(String[]::new);
	}

	private HttpResponse<String> get(String path) throws Exception {
		int port = MtlsApplications.port(this.gateway);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

}
