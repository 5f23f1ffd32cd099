package dev.mesh.control.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRegistryEvictionTests {

	private final MutableClock clock = new MutableClock();

	private final InstanceRegistry registry = new InstanceRegistry(this.clock, Duration.ofSeconds(15));

	@Test
	void evictsInstanceWhoseLeaseExpired() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(15).plusMillis(1));
		assertThat(this.registry.evictExpired()).extracting(MeshInstance::instanceId).containsExactly("catalog-1");
		assertThat(this.registry.snapshot().services()).isEmpty();
		assertThat(this.registry.snapshot().revision()).isEqualTo(2);
		assertThat(this.registry.evictions()).isOne();
	}

	@Test
	void keepsInstanceUntilLeaseIsOlderThanTtl() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(15));
		assertThat(this.registry.evictExpired()).isEmpty();
		assertThat(this.registry.snapshot().instances("catalog")).hasSize(1);
		assertThat(this.registry.snapshot().revision()).isOne();
	}

	@Test
	void evictsSeveralExpiredInstancesInOneRevision() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.registry.register(InstanceRegistryTests.instance("pricing-1", "pricing", "v1"));
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.register(InstanceRegistryTests.instance("pricing-2", "pricing", "v1"));
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.registry.evictExpired()).extracting(MeshInstance::instanceId)
			.containsExactlyInAnyOrder("catalog-1", "pricing-1");
		assertThat(this.registry.snapshot().revision()).isEqualTo(4);
		assertThat(this.registry.snapshot().services()).containsOnlyKeys("pricing");
		assertThat(this.registry.evictions()).isEqualTo(2);
	}

	@Test
	void reRegistrationRenewsLease() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.registry.evictExpired()).isEmpty();
	}

	@Test
	void heartbeatAfterEvictionAsksInstanceToRegisterAgain() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(16));
		this.registry.evictExpired();
		assertThat(this.registry.renew("catalog-1")).isFalse();
	}

	@Test
	void sweepWithNothingExpiredPushesNothing() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		StepVerifier.create(this.registry.snapshots())
			.assertNext((snapshot) -> assertThat(snapshot.revision()).isOne())
			.then(this.registry::evictExpired)
			.then(() -> this.clock.advance(Duration.ofSeconds(16)))
			.then(this.registry::evictExpired)
			.assertNext((snapshot) -> {
				assertThat(snapshot.revision()).isEqualTo(2);
				assertThat(snapshot.services()).isEmpty();
			})
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void evictorSweepsPeriodically() {
		RegistryEvictor evictor = new RegistryEvictor(this.registry, Duration.ofMillis(20));
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(16));
		evictor.start();
		try {
			StepVerifier.create(this.registry.snapshots().filter((snapshot) -> snapshot.services().isEmpty()))
				.expectNextCount(1)
				.thenCancel()
				.verify(Duration.ofSeconds(5));
		}
		finally {
			evictor.stop();
		}
		assertThat(evictor.isRunning()).isFalse();
	}

}
