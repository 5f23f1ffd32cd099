package dev.mesh.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.gateway.route.PolicyRouteLocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class MirrorIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private PolicyRouteLocator routes;

	private Backend shadow;

	@BeforeEach
	void mirrorHalfOfTheRequestsToV3() {
		TestMesh.backends().reset();
		this.shadow = TestMesh.backends().catalogV3();
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/mirrored", "/mirrored", "v1", 100, "v2",
				0);
		policy.put("mesh.gateway.routes[shop/mirrored].mirror.subset", "v3");
		policy.put("mesh.gateway.routes[shop/mirrored].mirror.percent", "50");
		TestMesh.push(this.context, policy);
	}

	@Test
	void copiesAnExactShareOfRequestsToTheShadowSubset() {
		for (int i = 0; i < 20; i++) {
			assertThat(get("/mirrored/items?n=" + i).body()).isEqualTo("catalog@v1 /items");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.shadow.requests() == 10);
		assertThat(this.shadow.received()).allSatisfy((copy) -> {
			assertThat(copy.uri()).startsWith("/items?n=");
			assertThat(copy.header("x-mesh-mirror")).isEqualTo("shop/mirrored");
		});
		assertThat(TestMesh.backends().catalogV1().requests()).isEqualTo(20);
	}

	@Test
	void copiesTheBodyOfARequest() throws Exception {
		for (int i = 0; i < 2; i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mirrored/orders"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"order\":" + i + "}"))
				.timeout(Duration.ofSeconds(20))
				.build();
			assertThat(this.http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.shadow.requests() == 1);
		String primary = TestMesh.backends().catalogV1().received().get(1).body();
		assertThat(this.shadow.received().get(0).body()).isEqualTo(primary).startsWith("{\"order\":");
		assertThat(TestMesh.backends().catalogV1().received()).extracting(Backend.Received::body)
			.containsExactly("{\"order\":0}", "{\"order\":1}");
	}

	@Test
	void aSlowShadowDoesNotDelayThePrimary() {
		this.shadow.delay(Duration.ofSeconds(20));
		for (int i = 0; i < 4; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = get("/mirrored/items");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(response.body()).isEqualTo("catalog@v1 /items");
			assertThat(took).isLessThan(Duration.ofSeconds(8));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.shadow.requests() == 2);
	}

	@Test
	void aFailingShadowDoesNotFailThePrimary() {
		this.shadow.status(500);
		long failedBefore = this.routes.mirror("shop/mirrored").stats().failed();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = get("/mirrored/items");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("catalog@v1 /items");
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.routes.mirror("shop/mirrored").stats().failed())
				.isGreaterThanOrEqualTo(failedBefore + 5));
		assertThat(this.shadow.received()).hasSize(5);
	}

	private HttpResponse<String> get(String path) {
		return TestMesh.get(this.http, this.port, path);
	}

}
