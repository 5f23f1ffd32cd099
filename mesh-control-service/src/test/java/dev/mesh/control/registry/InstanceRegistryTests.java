package dev.mesh.control.registry;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRegistryTests {

	private final MutableClock clock = new MutableClock();

	private final InstanceRegistry registry = new InstanceRegistry(this.clock, Duration.ofSeconds(15));

	@Test
	void startsEmptyAtRevisionZero() {
		assertThat(this.registry.snapshot()).isEqualTo(RegistrySnapshot.EMPTY);
	}

	@Test
	void registersNewInstanceAndBumpsRevision() {
		InstanceRegistry.Registered registered = this.registry.register(instance("catalog-1", "catalog", "v1"));
		assertThat(registered.created()).isTrue();
		assertThat(this.registry.snapshot().revision()).isOne();
		assertThat(this.registry.snapshot().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-1");
	}

	@Test
	void reRegisteringIdenticalInstanceKeepsRevision() {
		this.registry.register(instance("catalog-1", "catalog", "v1"));
		InstanceRegistry.Registered registered = this.registry.register(instance("catalog-1", "catalog", "v1"));
		assertThat(registered.created()).isFalse();
		assertThat(this.registry.snapshot().revision()).isOne();
		assertThat(this.registry.registrations()).isEqualTo(2);
	}

	@Test
	void reRegisteringChangedInstanceReplacesItAndBumpsRevision() {
		this.registry.register(instance("catalog-1", "catalog", "v1"));
		InstanceRegistry.Registered registered = this.registry.register(instance("catalog-1", "catalog", "v2"));
		assertThat(registered.created()).isFalse();
		assertThat(this.registry.snapshot().revision()).isEqualTo(2);
		assertThat(this.registry.snapshot().instances("catalog")).extracting(MeshInstance::version)
			.containsExactly("v2");
	}

	@Test
	void movingInstanceToAnotherServiceRemovesItFromTheFirst() {
		this.registry.register(instance("shared-1", "catalog", "v1"));
		this.registry.register(instance("shared-1", "pricing", "v1"));
		assertThat(this.registry.snapshot().services()).containsOnlyKeys("pricing");
	}

	@Test
	void heartbeatRenewsLeaseWithoutChangingRevision() {
		this.registry.register(instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.registry.renew("catalog-1")).isTrue();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.registry.evictExpired()).isEmpty();
		assertThat(this.registry.snapshot().revision()).isOne();
	}

	@Test
	void heartbeatOfUnknownInstanceFails() {
		assertThat(this.registry.renew("nobody")).isFalse();
		assertThat(this.registry.snapshot().revision()).isZero();
	}

	@Test
	void deregisterRemovesInstanceAndItsEmptyService() {
		this.registry.register(instance("catalog-1", "catalog", "v1"));
		assertThat(this.registry.deregister("catalog-1")).map(MeshInstance::instanceId).contains("catalog-1");
		assertThat(this.registry.snapshot().services()).isEmpty();
		assertThat(this.registry.snapshot().revision()).isEqualTo(2);
	}

	@Test
	void deregisterOfUnknownInstanceChangesNothing() {
		assertThat(this.registry.deregister("nobody")).isEmpty();
		assertThat(this.registry.snapshot().revision()).isZero();
	}

	@Test
	void pushesSnapshotToSubscriberOnlyOnRealChange() {
		StepVerifier.create(this.registry.snapshots())
			.assertNext((snapshot) -> assertThat(snapshot.revision()).isZero())
			.then(() -> this.registry.register(instance("catalog-1", "catalog", "v1")))
			.assertNext((snapshot) -> assertThat(snapshot.instances("catalog")).hasSize(1))
			.then(() -> {
				this.registry.renew("catalog-1");
				this.registry.register(instance("catalog-1", "catalog", "v1"));
				this.registry.deregister("catalog-1");
			})
			.assertNext((snapshot) -> assertThat(snapshot.revision()).isEqualTo(2))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void slowSubscriberGetsOnlyLatestSnapshot() {
		StepVerifier.create(this.registry.snapshots(), 1)
			.assertNext((snapshot) -> assertThat(snapshot.revision()).isZero())
			.then(() -> {
				this.registry.register(instance("catalog-1", "catalog", "v1"));
				this.registry.register(instance("catalog-2", "catalog", "v1"));
				this.registry.register(instance("catalog-3", "catalog", "v1"));
			})
			.thenRequest(1)
			.assertNext((snapshot) -> assertThat(snapshot.revision()).isEqualTo(3))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void newSubscriberGetsCurrentSnapshotFirst() {
		this.registry.register(instance("catalog-1", "catalog", "v1"));
		StepVerifier.create(this.registry.snapshots())
			.assertNext((snapshot) -> assertThat(snapshot).isEqualTo(this.registry.snapshot()))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	static MeshInstance instance(String id, String service, String version) {
		return new MeshInstance(id, service, "127.0.0.1", 8080, version, MeshInstance.DEFAULT_ZONE, Map.of());
	}

}
