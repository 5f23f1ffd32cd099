package dev.mesh.control.registry;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class RegistryApiIntegrationTests {

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
	void renewsLeaseOfRegisteredInstance() {
		register("api-catalog-1", "api-catalog");
		this.client.put().uri(RegistryApi.HEARTBEAT, "api-catalog-1").exchange().expectStatus().isNoContent();
	}

	@Test
	void answersHeartbeatOfUnknownInstanceWithNotFound() {
		ApiError error = this.client.put()
			.uri(RegistryApi.HEARTBEAT, "ghost-1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error).isEqualTo(new ApiError(404, "unknown-instance", "instance ghost-1 is not registered", null));
	}

	@Test
	void deregistersInstanceOnce() {
		register("api-pricing-1", "api-pricing");
		this.client.delete().uri(RegistryApi.INSTANCE, "api-pricing-1").exchange().expectStatus().isNoContent();
		this.client.delete()
			.uri(RegistryApi.INSTANCE, "api-pricing-1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unknown-instance");
	}

	@Test
	void listsInstancesOfService() {
		register("api-cart-2", "api-cart");
		register("api-cart-1", "api-cart");
		this.client.get()
			.uri(RegistryApi.SERVICE, "api-cart")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<MeshInstance>>() {
			})
			.value((instances) -> assertThat(instances).extracting(MeshInstance::instanceId)
				.containsExactly("api-cart-1", "api-cart-2"));
	}

	@Test
	void answersServiceWithoutInstancesWithNotFound() {
		ApiError error = this.client.get()
			.uri(RegistryApi.SERVICE, "nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error).isEqualTo(new ApiError(404, "no-instances", "no instances of service nothing-here", null));
	}

	@Test
	void rejectsInvalidServiceNameNamingService() {
		ApiError error = this.client.get()
			.uri(RegistryApi.SERVICE, "Not_A_Service")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(ApiError.class)
			.returnResult()
			.getResponseBody();
		assertThat(error).isNotNull();
		assertThat(error.error()).isEqualTo("invalid-service");
		assertThat(error.message()).isEqualTo("'Not_A_Service' is not a service name");
		assertThat(error.violations()).extracting(Violation::field).containsExactly("service");
	}

	@Test
	void returnsWholeSnapshot() {
		register("api-search-1", "api-search");
		RegistrySnapshot snapshot = this.client.get()
			.uri(RegistryApi.SERVICES)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(RegistrySnapshot.class)
			.returnResult()
			.getResponseBody();
		assertThat(snapshot).isNotNull();
		assertThat(snapshot.revision()).isPositive();
		assertThat(snapshot.instances("api-search")).extracting(MeshInstance::instanceId)
			.containsExactly("api-search-1");
	}

	private void register(String instanceId, String service) {
		this.client.post()
			.uri(RegistryApi.INSTANCES)
			.bodyValue(new Registration(instanceId, service, "127.0.0.1", 9000, "v1", null, null))
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
	}

}
