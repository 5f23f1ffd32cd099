package dev.mesh.loadbalancer;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.mesh.discovery.MeshEndpoints;

/**
 * Default configuration of every load-balancer child context: instances come from the
 * mesh. The algorithm stays Spring Cloud LoadBalancer's round robin.
 */
@Configuration(proxyBeanMethods = false)
class MeshLoadBalancerClientConfiguration {

	@Bean
	ServiceInstanceListSupplier meshServiceInstanceListSupplier(Environment environment, MeshEndpoints endpoints) {
		return new MeshServiceInstanceListSupplier(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME),
				endpoints);
	}

}
