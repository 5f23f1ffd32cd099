package dev.mesh.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshInstanceId;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.FakePolicyDelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class PolicySyncIntegrationTests {

	private static final String SERVICE = SyncTestApplication.SERVICE;

	private static final String CATALOG_TIMEOUT = SyncTestApplication.CATALOG_TIMEOUT;

	@TempDir
	Path directory;

	private FakeControlService control;

	private FakePolicyDelivery delivery;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.control = FakeControlService.start();
		this.delivery = this.control.policy();
		Path config = Files.writeString(this.directory.resolve("application.properties"),
				"mesh.outbound.destinations.catalog.timeout=1s\n");
		this.app = SyncTestApplication.run(this.control.url(), this.directory.resolve("cache"),
				"mesh.control.token=workload-secret", "spring.config.additional-location=file:" + config,
				"management.endpoints.web.exposure.include=mesh");
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.control.close();
	}

	@Test
	void appliesPushedPolicyAboveTheApplicationsOwnConfigurationAndAcknowledgesIt() throws Exception {
		SyncTestApplication.CatalogCalls calls = this.app.getBean(SyncTestApplication.CatalogCalls.class);
		assertThat(calls.getTimeout()).isEqualTo(Duration.ofSeconds(1));
		push(1, Map.of(CATALOG_TIMEOUT, "2s"));
		awaitAnswer(1);
		assertThat(this.delivery.acks()).containsExactly(new PolicyAck(instanceId(), SERVICE, 0, true, null),
				new PolicyAck(instanceId(), SERVICE, 1, true, null));
		assertThat(this.app.getEnvironment().getProperty(CATALOG_TIMEOUT)).isEqualTo("2s");
		assertThat(calls.getTimeout()).isEqualTo(Duration.ofSeconds(2));
		AppliedPolicy applied = this.app.getBean(MeshPolicyState.class).current();
		assertThat(applied.version()).isEqualTo(1);
		assertThat(applied.source()).isEqualTo(AppliedPolicy.CONTROL_SERVICE);
		assertThat(applied.policy().getOutbound().getDestinations().get("catalog").getTimeout())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(meter("mesh.policy.version")).isEqualTo(1);
		assertThat(meter("mesh.policy.applied")).isEqualTo(2);
		assertThat(Files.readString(this.directory.resolve("cache/policy-tester.json"))).contains("\"version\":1")
			.contains("2s");
	}

	@Test
	void watchesWithTheRegisteredInstanceIdAndTheWorkloadCredential() {
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.delivery.watchRequests().isEmpty());
		assertThat(this.delivery.watchRequests().get(0))
			.isEqualTo(new FakePolicyDelivery.WatchRequest(SERVICE, instanceId(), "Bearer workload-secret"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.control.instances().containsKey(instanceId()));
	}

	@Test
	void showsThePolicyAndTheEffectiveMeshPropertiesInTheEndpoint() {
		push(3, Map.of(CATALOG_TIMEOUT, "2s"));
		awaitAnswer(3);
		MeshEndpoint.PolicyDescriptor policy = this.app.getBean(MeshEndpoint.class).mesh().policy();
		assertThat(policy.version()).isEqualTo(3);
		assertThat(policy.source()).isEqualTo("control-service");
		assertThat(policy.watchState()).isEqualTo("CONNECTED");
		assertThat(policy.properties().get("mesh.outbound.destinations[catalog].timeout"))
			.isEqualTo(new MeshEndpoint.PropertyDescriptor("2s", "meshPolicySnapshot"));
		assertThat(policy.properties()).doesNotContainKey("mesh.outbound.destinations.catalog.timeout");
		assertThat(policy.properties().get("mesh.control.token").value()).isEqualTo("******");
		assertThat(policy.properties()).containsKey("mesh.control.url");
	}

	@Test
	void rejectsSnapshotsThatDoNotBindNamingTheKeyAndKeepsTheLastGood(CapturedOutput output) {
		push(1, Map.of(CATALOG_TIMEOUT, "2s"));
		awaitAnswer(1);
		push(2, Map.of("mesh.outbound.destinations[catalog].tmeout", "3s"));
		push(3, Map.of(CATALOG_TIMEOUT, "soon"));
		push(4, Map.of(CATALOG_TIMEOUT, "${user.home}"));
		awaitAnswer(4);
		List<PolicyAck> nacks = this.delivery.acks().subList(2, 5);
		assertThat(nacks).extracting(PolicyAck::version).containsExactly(2L, 3L, 4L);
		assertThat(nacks).noneMatch(PolicyAck::accepted);
		assertThat(nacks.get(0).reason()).contains("tmeout");
		assertThat(nacks.get(1).reason()).contains(CATALOG_TIMEOUT).contains("soon");
		assertThat(nacks.get(2).reason()).contains(CATALOG_TIMEOUT).contains("expressions are never evaluated");
		assertThat(this.app.getBean(MeshPolicyState.class).current().version()).isEqualTo(1);
		assertThat(this.app.getEnvironment().getProperty(CATALOG_TIMEOUT)).isEqualTo("2s");
		assertThat(meter("mesh.policy.rejected")).isEqualTo(3);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Rejected policy version 2"))).hasSize(1);
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ")))
			.filteredOn((line) -> line.contains("PolicyWatcher"))
			.hasSize(3);
		assertThat(this.app.getBean(MeshEndpoint.class).mesh().policy().lastRejection().version()).isEqualTo(4);
	}

	@Test
	void ignoresAnOlderVersion() {
		push(5, Map.of(CATALOG_TIMEOUT, "2s"));
		push(4, Map.of(CATALOG_TIMEOUT, "4s"));
		push(6, Map.of(CATALOG_TIMEOUT, "6s"));
		awaitAnswer(6);
		assertThat(this.delivery.acks()).extracting(PolicyAck::version).containsExactly(0L, 5L, 6L);
		assertThat(meter("mesh.policy.applied")).isEqualTo(3);
		assertThat(this.app.getEnvironment().getProperty(CATALOG_TIMEOUT)).isEqualTo("6s");
	}

	@Test
	void sendsAnAnswerThatFailedAgainWhenTheStreamReconnects() {
		this.delivery.refuseAcks(true);
		push(1, Map.of(CATALOG_TIMEOUT, "2s"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.delivery.refusedAcks() == 1);
		this.delivery.refuseAcks(false);
		this.delivery.disconnect();
		// The answer kept for the reconnect, then the answer to the snapshot sent on
		// connect.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.delivery.acks().size() == 3);
		assertThat(this.delivery.acks()).extracting(PolicyAck::version).containsExactly(0L, 1L, 1L);
	}

	private void push(long version, Map<String, String> properties) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.delivery.watching(SERVICE) > 0);
		this.delivery.push(SERVICE, new PolicySnapshot(version, properties));
	}

	private void awaitAnswer(long version) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.delivery.acks().stream().anyMatch((ack) -> ack.version() == version));
	}

	private String instanceId() {
		return this.app.getBean(MeshInstanceId.class).value();
	}

	private double meter(String name) {
		MeterRegistry registry = this.app.getBean(MeterRegistry.class);
		return registry.get(name).meter().measure().iterator().next().getValue();
	}

}
