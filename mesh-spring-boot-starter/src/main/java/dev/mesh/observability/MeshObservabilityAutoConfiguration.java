package dev.mesh.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.sync.MeshPolicySync;
import dev.mesh.sync.MeshSyncAutoConfiguration;

/**
 * Auto-configuration of mesh metrics and of the mesh tags on every meter.
 */
@AutoConfiguration(after = { MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
		MeshSyncAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
public final class MeshObservabilityAutoConfiguration {

	@Bean
	MeshMetrics meshMetrics(ObjectProvider<MeshRegistration> registration, ObjectProvider<MeshEndpoints> endpoints) {
		return new MeshMetrics(registration, endpoints);
	}

	@Bean
	LoadBalancerMetrics meshLoadBalancerMetrics(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<MeshLoadBalancer> loadBalancer) {
		return new LoadBalancerMetrics(registry, loadBalancer);
	}

	@Bean
	ResilienceMetrics meshResilienceMetrics(ObjectProvider<MeterRegistry> registry) {
		return new ResilienceMetrics(registry);
	}

	@Bean
	PolicyMetrics meshPolicyMetrics(MeshPolicyState policy, ObjectProvider<MeshPolicySync> sync) {
		return new PolicyMetrics(policy, sync);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "mesh.metrics.common-tags", matchIfMissing = true)
	MeterRegistryCustomizer<MeterRegistry> meshCommonTags(MeshWorkload workload) {
		return (registry) -> registry.config()
			.commonTags("mesh.service", workload.service(), "mesh.version", workload.version(), "mesh.zone",
					workload.zone());
	}

}
