package dev.mesh.control.registry;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryMetricsTests {

	private final MutableClock clock = new MutableClock();

	private final InstanceRegistry registry = new InstanceRegistry(this.clock, Duration.ofSeconds(15));

	private final WatchStreams streams = new WatchStreams(this.registry, JsonMapper.builder().build(),
			Duration.ofMinutes(1));

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final RegistryMetrics metrics = new RegistryMetrics(this.registry, this.streams);

	@BeforeEach
	void bind() {
		this.metrics.bindTo(this.meterRegistry);
	}

	@AfterEach
	void unbind() {
		this.metrics.destroy();
	}

	@Test
	void reportsInstancesPerServiceAndDropsGoneServices() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.registry.register(InstanceRegistryTests.instance("catalog-2", "catalog", "v2"));
		this.registry.register(InstanceRegistryTests.instance("pricing-1", "pricing", "v1"));
		assertThat(instances("catalog")).isEqualTo(2);
		assertThat(instances("pricing")).isEqualTo(1);
		this.registry.deregister("pricing-1");
		assertThat(this.meterRegistry.find("mesh.registry.instances").tag("mesh.service", "pricing").gauge()).isNull();
		assertThat(instances("catalog")).isEqualTo(2);
	}

	@Test
	void reportsRevisionRegistrationsAndEvictions() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		this.clock.advance(Duration.ofSeconds(16));
		this.registry.evictExpired();
		assertThat(this.meterRegistry.get("mesh.registry.revision").gauge().value()).isEqualTo(2);
		assertThat(this.meterRegistry.get("mesh.registry.registrations").functionCounter().count()).isEqualTo(2);
		assertThat(this.meterRegistry.get("mesh.registry.evictions").functionCounter().count()).isEqualTo(1);
	}

	@Test
	void reportsOpenWatchStreams() {
		assertThat(subscribers()).isZero();
		StepVerifier.create(this.streams.open())
			.assertNext((event) -> assertThat(subscribers()).isOne())
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(subscribers()).isZero();
	}

	private double instances(String service) {
		return this.meterRegistry.get("mesh.registry.instances").tag("mesh.service", service).gauge().value();
	}

	private double subscribers() {
		return this.meterRegistry.get("mesh.watch.subscribers").gauge().value();
	}

}
