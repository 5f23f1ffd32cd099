package dev.mesh.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.mesh.discovery.MeshEndpoints;

/**
 * Default configuration of every Spring Cloud LoadBalancer child context: instances come
 * from the mesh and the mesh's load balancer picks among them.
 */
@Configuration(proxyBeanMethods = false)
class MeshLoadBalancerClientConfiguration {

	@Bean
	ServiceInstanceListSupplier meshServiceInstanceListSupplier(Environment environment, MeshEndpoints endpoints) {
		return new MeshServiceInstanceListSupplier(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME),
				endpoints);
	}

	@Bean
	ReactorLoadBalancer<ServiceInstance> meshReactorLoadBalancer(Environment environment,
			MeshLoadBalancer loadBalancer) {
		return new MeshReactorLoadBalancer(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME),
				loadBalancer);
	}

}
