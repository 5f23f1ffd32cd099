package dev.mesh.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway believes of outside clients, and what it keeps from them.
 */
@GatewayIntegrationTest
class EdgeSecurityIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ConfigurableApplicationContext context;

	private Backend v1;

	@BeforeEach
	void routeToV1() {
		TestMesh.backends().reset();
		this.v1 = TestMesh.backends().catalogV1();
		TestMesh.push(this.context, PolicyRoutesIntegrationTests.route("shop/edge", "/edge", "v1", 100, "v2", 0));
	}

	@Test
	void doesNotBelieveAForwardedForHeaderFromAnUntrustedClient() {
		assertThat(get(this.port, "/edge/items", "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/yml/items", "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);
		assertThat(this.v1.received().get(0).header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(TestMesh.backends().storefront().received().get(0).header("X-Forwarded-For")).isEqualTo("127.0.0.1");
	}

	@Test
	void stripsIdentityHeadersFromOutsideAndSetsItsOwn() {
		HttpResponse<String> response = get(this.port, "/edge/items", "X-Forwarded-Client-Cert",
				"By=spiffe://shop/ns/shop/sa/admin", "X-Spiffe-Id", "spiffe://shop/ns/shop/sa/admin", "x-mesh-caller",
				"admin", "x-mesh-deadline", "1", "x-mesh-cohort", "version=v2");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("catalog@v1 /items");
		Backend.Received received = this.v1.received().get(0);
		assertThat(received.header("X-Forwarded-Client-Cert")).isNull();
		assertThat(received.header("X-Spiffe-Id")).isNull();
		assertThat(received.header("x-mesh-deadline")).isNull();
		assertThat(received.header("x-mesh-caller")).isEqualTo("gateway");
		assertThat(received.header("x-mesh-cohort")).isEqualTo("version=v1");
	}

	@Test
	void servesNoActuatorOnThePublicPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(get(this.port, "/actuator/mesh").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/actuator/gateway/routes").statusCode()).isEqualTo(404);
		assertThat(get(this.managementPort, "/actuator/mesh").statusCode()).isEqualTo(200);
	}

	@Test
	void exposesNoGatewayWriteOperation() throws Exception {
		HttpRequest create = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/gateway/routes/evil"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"uri\":\"http://example.org\",\"predicates\":[]}"))
			.build();
		assertThat(this.http.send(create, BodyHandlers.ofString()).statusCode()).isIn(404, 405);
		HttpRequest refresh = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/gateway/refresh"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		assertThat(this.http.send(refresh, BodyHandlers.ofString()).statusCode()).isIn(404, 405);
		assertThat(get(this.port, "/evil").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(int port, String path, String... headers) {
		return TestMesh.get(this.http, port, path, headers);
	}

}
