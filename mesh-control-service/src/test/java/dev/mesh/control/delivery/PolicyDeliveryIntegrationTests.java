package dev.mesh.control.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.InstanceStatus;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.delivery.SyncState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"mesh.policy.workload-token=test-workload-token-0123456789", "mesh.delivery.forget-after=300ms" })
class PolicyDeliveryIntegrationTests {

	private static final String ADMIN = "Bearer test-admin-token-0123456789";

	private static final String WORKLOAD = "Bearer test-workload-token-0123456789";

	@LocalServerPort
	private int port;

	private WebTestClient client;

	private final List<Disposable> watches = new ArrayList<>();

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@AfterEach
	void closeWatches() {
		this.watches.forEach(Disposable::dispose);
	}

	@Test
	void pushesEachWorkloadItsSliceWhenItChanges() throws Exception {
		BlockingQueue<PolicySnapshot> storefront = watch("storefront", "storefront-1");
		BlockingQueue<PolicySnapshot> pricing = watch("pricing", "pricing-1");
		PolicySnapshot initial = storefront.poll(5, TimeUnit.SECONDS);
		assertThat(initial).isNotNull();
		assertThat(pricing.poll(5, TimeUnit.SECONDS)).isNotNull();
		write("""
				apiVersion: mesh.dev/v1
				kind: ServicePolicy
				metadata: {name: pricing}
				spec:
				  timeout: 750ms
				  rateLimit: {requestsPerSecond: 50}
				""");
		PolicySnapshot changed = storefront.poll(5, TimeUnit.SECONDS);
		assertThat(changed.version()).isGreaterThan(initial.version());
		assertThat(changed.properties()).containsEntry("mesh.outbound.destinations[pricing].timeout", "750ms")
			.doesNotContainKey("mesh.inbound.rate-limit.requests-per-second");
		assertThat(pricing.poll(5, TimeUnit.SECONDS).properties())
			.containsEntry("mesh.inbound.rate-limit.requests-per-second", "50");
		write("""
				apiVersion: mesh.dev/v1
				kind: AccessPolicy
				metadata: {name: pricing-readers}
				spec: {service: pricing, action: ALLOW}
				""");
		assertThat(pricing.poll(5, TimeUnit.SECONDS).properties())
			.containsEntry("mesh.inbound.access[default/pricing-readers].action", "ALLOW");
		assertThat(storefront.poll(300, TimeUnit.MILLISECONDS)).as("storefront's slice did not change").isNull();
	}

	@Test
	void reportsAcknowledgedRejectedAndUnansweredInstances() throws Exception {
		BlockingQueue<PolicySnapshot> synced = watch("gateway", "gateway-1");
		BlockingQueue<PolicySnapshot> nacked = watch("gateway", "gateway-2");
		watch("gateway", "gateway-3").poll(5, TimeUnit.SECONDS);
		long version = synced.poll(5, TimeUnit.SECONDS).version();
		nacked.poll(5, TimeUnit.SECONDS);
		ack(new PolicyAck("gateway-1", "gateway", version, true, null));
		ack(new PolicyAck("gateway-2", "gateway", version, false, "mesh.outbound.x: is not valid"));
		List<InstanceStatus> status = this.client.get()
			.uri(DeliveryApi.STATUS)
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(InstanceStatus.class)
			.returnResult()
			.getResponseBody();
		assertThat(status).filteredOn((entry) -> entry.service().equals("gateway"))
			.extracting(InstanceStatus::instanceId, InstanceStatus::state, InstanceStatus::watching)
			.containsExactly(tuple("gateway-1", SyncState.SYNCED, true), tuple("gateway-2", SyncState.NACKED, true),
					tuple("gateway-3", SyncState.STALE, true));
		assertThat(status).filteredOn((entry) -> entry.instanceId().equals("gateway-2"))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.reason()).contains("is not valid"));
	}

	@Test
	void refusesAcknowledgementsOfInstancesThatWereSentNothing() {
		this.client.post()
			.uri(DeliveryApi.ACKS)
			.header("Authorization", WORKLOAD)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new PolicyAck("stranger-1", "stranger", 1, true, null))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(status()).extracting(InstanceStatus::instanceId).doesNotContain("stranger-1");
	}

	@Test
	void forgetsInstancesThatNoLongerWatchAndAreNotRegistered() throws Exception {
		BlockingQueue<PolicySnapshot> gone = watch("leaver", "leaver-1");
		long version = gone.poll(5, TimeUnit.SECONDS).version();
		ack(new PolicyAck("leaver-1", "leaver", version, true, null));
		assertThat(status()).extracting(InstanceStatus::instanceId).contains("leaver-1");
		this.watches.remove(this.watches.size() - 1).dispose();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(status()).extracting(InstanceStatus::instanceId).doesNotContain("leaver-1"));
	}

	private List<InstanceStatus> status() {
		return this.client.get()
			.uri(DeliveryApi.STATUS)
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(InstanceStatus.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void needsTheWorkloadTokenToWatchAndTheAdminTokenForStatus() {
		this.client.get().uri(watchUri("a", "a-1")).exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri(watchUri("a", "a-1"))
			.header("Authorization", ADMIN)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri(DeliveryApi.STATUS)
			.header("Authorization", WORKLOAD)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri(DeliveryApi.WATCH + "?service=Not_A_Service&instance=x")
			.header("Authorization", WORKLOAD)
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri(DeliveryApi.ACKS)
			.header("Authorization", WORKLOAD)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new PolicyAck("a-1", "a", 1, false, null))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private BlockingQueue<PolicySnapshot> watch(String service, String instance) {
		BlockingQueue<PolicySnapshot> received = new LinkedBlockingQueue<>();
		this.watches.add(this.client.get()
			.uri(watchUri(service, instance))
			.header("Authorization", WORKLOAD)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<PolicySnapshot>>() {
			})
			.getResponseBody()
			.filter((event) -> event.data() != null)
			.subscribe((event) -> received.add(event.data())));
		return received;
	}

	private static String watchUri(String service, String instance) {
		return DeliveryApi.WATCH + "?service=" + service + "&instance=" + instance;
	}

	private void ack(PolicyAck ack) {
		this.client.post()
			.uri(DeliveryApi.ACKS)
			.header("Authorization", WORKLOAD)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ack)
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	private void write(String yaml) {
		this.client.post()
			.uri("/v1/policies")
			.header("Authorization", ADMIN)
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(yaml)
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
