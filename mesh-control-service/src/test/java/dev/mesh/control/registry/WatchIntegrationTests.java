package dev.mesh.control.registry;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "mesh.registry.ttl=300ms", "mesh.registry.eviction-interval=50ms" })
class WatchIntegrationTests {

	/**
	 * The workload token of the test configuration (plain HTTP, no identity required).
	 */
	static final String WORKLOAD = "Bearer test-workload-token-0123456789";

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", WORKLOAD)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void streamsCurrentSnapshotThenChangeAfterRegistration() {
		Flux<ServerSentEvent<RegistrySnapshot>> events = this.client.get()
			.uri(RegistryApi.WATCH)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<RegistrySnapshot>>() {
			})
			.getResponseBody()
			.filter((event) -> event.data() != null);
		long[] initial = new long[1];
		StepVerifier.create(events).assertNext((event) -> {
			assertThat(event.event()).isEqualTo(RegistryApi.SNAPSHOT_EVENT);
			assertThat(event.id()).isEqualTo(Long.toString(event.data().revision()));
			initial[0] = event.data().revision();
		})
			.then(() -> register("watch-catalog-1", "watch-catalog"))
			.thenConsumeWhile((event) -> event.data().instances("watch-catalog").isEmpty())
			.assertNext((event) -> {
				assertThat(event.data().revision()).isGreaterThan(initial[0]);
				assertThat(event.id()).isEqualTo(Long.toString(event.data().revision()));
				assertThat(event.data().instances("watch-catalog")).hasSize(1);
			})
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void evictsInstanceThatStopsSendingHeartbeats() {
		register("watch-pricing-1", "watch-pricing");
		this.client.get().uri(RegistryApi.SERVICE, "watch-pricing").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.client.get()
				.uri(RegistryApi.SERVICE, "watch-pricing")
				.exchange()
				.returnResult(String.class)
				.getStatus(), HttpStatus.NOT_FOUND::equals);
		this.client.put().uri(RegistryApi.HEARTBEAT, "watch-pricing-1").exchange().expectStatus().isNotFound();
	}

	@Test
	void keepsInstanceThatSendsHeartbeats() {
		register("watch-cart-1", "watch-cart");
		await().during(Duration.ofMillis(900))
			.atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> {
				this.client.put().uri(RegistryApi.HEARTBEAT, "watch-cart-1").exchange().expectStatus().isNoContent();
				this.client.get().uri(RegistryApi.SERVICE, "watch-cart").exchange().expectStatus().isOk();
			});
	}

	private void register(String instanceId, String service) {
		this.client.post()
			.uri(RegistryApi.INSTANCES)
			.bodyValue(new Registration(instanceId, service, "127.0.0.1", 9000, "v1", null, null))
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
