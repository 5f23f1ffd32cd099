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
class PolicyApiBadInputIntegrationTests {

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void requiresTheAdminCredential() {
		this.client.get()
			.uri("/v1/policies")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.exists("WWW-Authenticate");
		this.client.get()
			.uri("/v1/policies")
			.header("Authorization", "Bearer wrong-token-000000000")
			.exchange()
			.expectStatus()
			.isForbidden();
		post(PolicyApiIntegrationTests.CATALOG.replace("catalog", "nobody"), "application/yaml", null).expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/v1/policies/ServicePolicy/shop/nobody")
			.header("Authorization", auth())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void namesTheFieldOfEveryInvalidDocumentAndStoresNothing() {
		assertThat(invalid("apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: x}\nspec: {tmeout: 1s}\n"))
			.containsExactly("spec.tmeout");
		assertThat(invalid("apiVersion: mesh.dev/v1\nkind: Gadget\nmetadata: {name: x}\nspec: {}\n"))
			.containsExactly("kind");
		assertThat(invalid("apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: X_Y}\nspec: {}\n"))
			.containsExactly("metadata.name");
		assertThat(invalid(
				"apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: x}\nspec: {timeout: \"#{1}\"}\n"))
			.containsExactly("spec.timeout");
		assertThat(invalid("a: !!java.io.File /etc/passwd\n")).containsExactly("body");
		assertThat(invalid("{not yaml: [")).containsExactly("body");
		this.client.get()
			.uri("/v1/policies?kind=ServicePolicy&namespace=default")
			.header("Authorization", auth())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("[]");
	}

	@Test
	void rejectsBodiesOverOneMebibyte() {
		String big = "apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: big}\nspec: {}\n# "
				+ "x".repeat(1024 * 1024) + "\n";
		post(big, "application/yaml", auth()).expectStatus().isEqualTo(413);
	}

	@Test
	void rejectsUnsupportedContentTypes() {
		post("<policy/>", "application/xml", auth()).expectStatus().isEqualTo(415);
	}

	@Test
	void rejectsMalformedIfMatch() {
		ApiError error = this.client.put()
			.uri("/v1/policies/ServicePolicy/default/x")
			.header("Authorization", auth())
			.header("If-Match", "yesterday")
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue("apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: x}\nspec: {}\n")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error.violations()).extracting(Violation::field).containsExactly("If-Match");
	}

	private List<String> invalid(String yaml) {
		ApiError error = post(yaml, "application/yaml", auth()).expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error.error()).isEqualTo("invalid-policy");
		return error.violations().stream().map(Violation::field).toList();
	}

	private WebTestClient.ResponseSpec post(String body, String contentType, String authorization) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/v1/policies")
			.contentType(MediaType.parseMediaType(contentType));
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.bodyValue(body).exchange();
	}

	private static String auth() {
		return "Bearer " + PolicyApiIntegrationTests.TOKEN;
	}

}
