package dev.mesh.control.registry;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistryApi;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class RegistrationIntegrationTests {

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", WatchIntegrationTests.WORKLOAD)
			.build();
	}

	@Test
	void registersNewInstanceWithCreated() {
		Registration registration = new Registration("reg-catalog-1", "reg-catalog", "127.0.0.1", 8102, "v2", null,
				Map.of("team", "shop"));
		RegistrationResult result = this.client.post()
			.uri(RegistryApi.INSTANCES)
			.bodyValue(registration)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/v1/registry/instances/reg-catalog-1")
			.expectBody(RegistrationResult.class)
			.returnResult()
			.getResponseBody();
		assertThat(result).isNotNull();
		assertThat(result.instance()).isEqualTo(new MeshInstance("reg-catalog-1", "reg-catalog", "127.0.0.1", 8102,
				"v2", MeshInstance.DEFAULT_ZONE, Map.of("team", "shop")));
		assertThat(result.ttlMillis()).isEqualTo(15000);
	}

	@Test
	void reRegistersSameInstanceWithOk() {
		Registration registration = new Registration("reg-pricing-1", "reg-pricing", "10.0.0.8", 8103, "v1", null,
				null);
		this.client.post().uri(RegistryApi.INSTANCES).bodyValue(registration).exchange().expectStatus().isCreated();
		this.client.post()
			.uri(RegistryApi.INSTANCES)
			.bodyValue(registration)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.location("/v1/registry/instances/reg-pricing-1");
	}

	@Test
	void generatesInstanceIdWhenAbsent() {
		Registration registration = new Registration(null, "reg-storefront", "10.0.0.9", 8080, "v1", null, null);
		RegistrationResult result = this.client.post()
			.uri(RegistryApi.INSTANCES)
			.bodyValue(registration)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(RegistrationResult.class)
			.returnResult()
			.getResponseBody();
		assertThat(result).isNotNull();
		assertThat(result.instance().instanceId()).matches("reg-storefront-[0-9a-f]{12}");
	}

	@Test
	void rejectsPortOutOfRangeNamingPort() {
		ApiError error = postExpectingBadRequest(
				"{\"service\":\"catalog\",\"address\":\"127.0.0.1\",\"port\":70000,\"version\":\"v1\"}");
		assertThat(error.error()).isEqualTo("invalid-registration");
		assertThat(error.violations()).containsExactly(new Violation("port", "must be between 1 and 65535"));
		assertThat(error.message()).contains("port");
	}

	@Test
	void rejectsPortOfWrongJsonTypeNamingPort() {
		ApiError error = postExpectingBadRequest(
				"{\"service\":\"catalog\",\"address\":\"127.0.0.1\",\"port\":\"abc\",\"version\":\"v1\"}");
		assertThat(error.error()).isEqualTo("malformed-body");
		assertThat(error.violations()).extracting(Violation::field).containsExactly("port");
	}

	@Test
	void rejectsMissingService() {
		ApiError error = postExpectingBadRequest("{\"address\":\"127.0.0.1\",\"port\":8080,\"version\":\"v1\"}");
		assertThat(error.error()).isEqualTo("invalid-registration");
		assertThat(error.violations()).containsExactly(new Violation("service", "is required"));
	}

	@Test
	void rejectsUnknownProperty() {
		ApiError error = postExpectingBadRequest(
				"{\"service\":\"catalog\",\"address\":\"h\",\"port\":80,\"version\":\"v1\",\"weight\":5}");
		assertThat(error.error()).isEqualTo("malformed-body");
		assertThat(error.violations()).extracting(Violation::field).containsExactly("weight");
	}

	@Test
	void rejectsMalformedJsonWithoutStackTrace() {
		String body = this.client.post()
			.uri(RegistryApi.INSTANCES)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"malformed-body\"").doesNotContain("Exception").doesNotContain("at tools.");
	}

	@Test
	void rejectsEmptyBody() {
		ApiError error = postExpectingBadRequest("");
		assertThat(error.violations()).extracting(Violation::field).containsExactly("body");
	}

	private ApiError postExpectingBadRequest(String json) {
		ApiError error = this.client.post()
			.uri(RegistryApi.INSTANCES)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error).isNotNull();
		assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		return error;
	}

}
