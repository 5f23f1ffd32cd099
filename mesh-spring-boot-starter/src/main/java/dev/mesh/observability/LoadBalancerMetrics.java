package dev.mesh.observability;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

import dev.mesh.loadbalancer.EjectionListener;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Meters of outlier detection, per destination: ejections so far and instances ejected
 * now.
 */
class LoadBalancerMetrics implements EjectionListener {

	private final ObjectProvider<MeterRegistry> registry;

	private final ObjectProvider<MeshLoadBalancer> loadBalancer;

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	LoadBalancerMetrics(ObjectProvider<MeterRegistry> registry, ObjectProvider<MeshLoadBalancer> loadBalancer) {
		this.registry = registry;
		this.loadBalancer = loadBalancer;
	}

	@Override
	public void ejected(MeshInstance instance, Duration duration, int ejections) {
		MeterRegistry meters = this.registry.getIfAvailable();
		MeshLoadBalancer balancer = this.loadBalancer.getIfAvailable();
		if (meters == null || balancer == null) {
			return;
		}
		String service = instance.service();
		Counter.builder("mesh.lb.ejections")
			.description("Instances ejected by outlier detection")
			.tag(MeshMetrics.DESTINATION_TAG, service)
			.register(meters)
			.increment();
		if (this.gauged.add(service)) {
			Gauge.builder("mesh.lb.ejected", balancer, (lb) -> lb.ejected(service))
				.description("Instances of the destination ejected now")
				.tag(MeshMetrics.DESTINATION_TAG, service)
				.register(meters);
		}
	}

}
