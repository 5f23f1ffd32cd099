package dev.mesh.resilience;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound rate limit of a servlet application, per caller.
 */
class RateLimitIntegrationTests {

	private final MeshFixture mesh;

	RateLimitIntegrationTests() throws Exception {
		this.mesh = new MeshFixture();
	}

	@AfterEach
	void stop() throws Exception {
		this.mesh.close();
	}

	@Test
	void answersCallersOverTheirRateWith429AndRetryAfter() {
		ConfigurableApplicationContext app = this.mesh.app("catalog", "mesh.inbound.rate-limit.requests-per-second=2",
				"mesh.inbound.rate-limit.callers.storefront.requests-per-second=50");
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + MeshFixture.port(app))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		assertThat(status(client, null)).isEqualTo(200);
		assertThat(status(client, null)).as("the bucket starts full").isEqualTo(200);
		// A slow machine may refill a token between two requests: at 2 per second, a
		// refusal still comes within a few more.
		ResponseEntity<String> refused = null;
		for (int i = 0; i < 10 && (refused == null || refused.getStatusCode().value() != 429); i++) {
			refused = client.get().uri("/work?millis=0").retrieve().toEntity(String.class);
		}
		assertThat(refused.getStatusCode().value()).isEqualTo(429);
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).contains("\"status\":429");
		for (int i = 0; i < 20; i++) {
			assertThat(status(client, "storefront")).as("its own rate").isEqualTo(200);
		}
		assertThat(status(client, "gateway")).as("its own bucket at the default rate").isEqualTo(200);
		assertThat(MeshFixture.count(app, "mesh.server.rate.limited", "mesh.caller", "default")).isPositive();
	}

	@Test
	void namesTheCallingServiceOnMeshCalls() {
		ConfigurableApplicationContext catalog = this.mesh.app("catalog",
				"mesh.inbound.rate-limit.requests-per-second=1000",
				"mesh.inbound.rate-limit.callers.storefront.requests-per-second=1");
		ConfigurableApplicationContext storefront = this.mesh.app("storefront");
		MeshFixture.awaitInstances(storefront, "catalog", 1);
		RestClient client = storefront.getBean(RestClient.Builder.class).build();
		assertThat(client.get().uri("http://catalog/work?millis=0").retrieve().body(String.class)).isEqualTo("worked");
		ResponseEntity<String> refused = null;
		for (int i = 0; i < 10 && (refused == null || refused.getStatusCode().value() != 429); i++) {
			refused = client.get()
				.uri("http://catalog/work?millis=0")
				.retrieve()
				.onStatus((status) -> true, (request, response) -> {
				})
				.toEntity(String.class);
		}
		assertThat(refused.getStatusCode().value()).as("storefront's own rate, not the default").isEqualTo(429);
		assertThat(MeshFixture.count(catalog, "mesh.server.rate.limited", "mesh.caller", "storefront")).isOne();
	}

	private static int status(RestClient client, String caller) {
		return client.get().uri("/work?millis=0").headers((headers) -> {
			if (caller != null) {
				headers.set(HeaderCallerIdentityResolver.HEADER, caller);
			}
		}).retrieve().toBodilessEntity().getStatusCode().value();
	}

}
