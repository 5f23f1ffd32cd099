package dev.mesh.control.policy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PolicyApiIntegrationTests {

	static final String TOKEN = "test-admin-token-0123456789";

	static final String CATALOG = """
			apiVersion: mesh.dev/v1
			kind: ServicePolicy
			metadata: {name: catalog, namespace: shop}
			spec:
			  timeout: 2s
			  subsets:
			    v1: {labels: {version: v1}}
			    v2: {labels: {version: v2}}
			""";

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TOKEN)
			.build();
	}

	@Test
	void createsReadsReplacesAndDeletesWithResourceVersions() {
		PolicyView created = write(this.client.post().uri("/v1/policies"), CATALOG, 201);
		assertThat(created.resourceVersion()).isPositive();
		assertThat(created.author()).isEqualTo("admin");
		PolicyView read = this.client.get()
			.uri("/v1/policies/ServicePolicy/shop/catalog")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"" + created.resourceVersion() + "\"")
			.expectBody(PolicyView.class)
			.returnResult()
			.getResponseBody();
		assertThat(read.document()).containsEntry("kind", "ServicePolicy");
		PolicyView replaced = write(this.client.put()
			.uri("/v1/policies/ServicePolicy/shop/catalog")
			.header("If-Match", "\"" + created.resourceVersion() + "\""), CATALOG.replace("2s", "3s"), 200);
		assertThat(replaced.resourceVersion()).isGreaterThan(created.resourceVersion());
		this.client.delete()
			.uri("/v1/policies/ServicePolicy/shop/catalog")
			.header("If-Match", String.valueOf(replaced.resourceVersion()))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/v1/policies/ServicePolicy/shop/catalog").exchange().expectStatus().isNotFound();
		List<PolicyView> history = this.client.get()
			.uri("/v1/policies/ServicePolicy/shop/catalog/revisions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(PolicyView.class)
			.returnResult()
			.getResponseBody();
		assertThat(history).extracting(PolicyView::deleted).containsExactly(false, false, true);
	}

	@Test
	void rejectsStaleWritesAndWritesWithoutResourceVersion() {
		String yaml = CATALOG.replace("catalog", "stale");
		PolicyView created = write(this.client.post().uri("/v1/policies"), yaml, 201);
		error(this.client.put().uri("/v1/policies/ServicePolicy/shop/stale"), yaml, 428);
		write(this.client.put()
			.uri("/v1/policies/ServicePolicy/shop/stale")
			.header("If-Match", String.valueOf(created.resourceVersion())), yaml.replace("2s", "4s"), 200);
		ApiError stale = error(this.client.put()
			.uri("/v1/policies/ServicePolicy/shop/stale")
			.header("If-Match", String.valueOf(created.resourceVersion())), yaml, 409);
		assertThat(stale.message()).contains("resourceVersion");
		error(this.client.post().uri("/v1/policies"), yaml, 409);
	}

	@Test
	void rollsBackToAnEarlierRevision() {
		String yaml = CATALOG.replace("name: catalog", "name: rolled");
		PolicyView first = write(this.client.post().uri("/v1/policies"), yaml, 201);
		PolicyView second = write(this.client.put()
			.uri("/v1/policies/ServicePolicy/shop/rolled")
			.header("If-Match", String.valueOf(first.resourceVersion())), yaml.replace("2s", "9s"), 200);
		PolicyView rolledBack = this.client.post()
			.uri("/v1/policies/ServicePolicy/shop/rolled/rollback?to=" + first.resourceVersion())
			.header("If-Match", String.valueOf(second.resourceVersion()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PolicyView.class)
			.returnResult()
			.getResponseBody();
		assertThat(rolledBack.document()).isEqualTo(first.document());
		assertThat(rolledBack.resourceVersion()).isGreaterThan(second.resourceVersion());
	}

	@Test
	void dryRunShowsEachWorkloadsPropertyChangesWithoutStoring() {
		String yaml = CATALOG.replace("name: catalog", "name: dry");
		String body = this.client.post()
			.uri("/v1/policies?dryRun=true")
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(yaml)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"dryRun\":true").contains("mesh.outbound.destinations[dry].timeout");
		this.client.get().uri("/v1/policies/ServicePolicy/shop/dry").exchange().expectStatus().isNotFound();
	}

	@Test
	void refusesToRemoveASubsetAGatewayRouteStillUses() {
		String service = CATALOG.replace("name: catalog", "name: shop-api");
		PolicyView created = write(this.client.post().uri("/v1/policies"), service, 201);
		write(this.client.post().uri("/v1/policies"), """
				apiVersion: mesh.dev/v1
				kind: GatewayRoute
				metadata: {name: shop-api-canary, namespace: shop}
				spec:
				  service: shop-api
				  destinations: [{subset: v1, weight: 80}, {subset: v2, weight: 20}]
				""", 201);
		ApiError error = error(
				this.client.put()
					.uri("/v1/policies/ServicePolicy/shop/shop-api")
					.header("If-Match", String.valueOf(created.resourceVersion())),
				service.replace("    v2: {labels: {version: v2}}\n", ""), 400);
		assertThat(error.violations()).extracting(Violation::message)
			.anyMatch((message) -> message.contains("would break GatewayRoute shop/shop-api-canary"));
	}

	private PolicyView write(WebTestClient.RequestBodySpec request, String yaml, int status) {
		return request.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(yaml)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(PolicyView.class)
			.returnResult()
			.getResponseBody();
	}

	private ApiError error(WebTestClient.RequestBodySpec request, String yaml, int status) {
		return request.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(yaml)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
	}

}
