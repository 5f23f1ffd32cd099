package dev.mesh.loadbalancer;

import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Default configuration of every Spring Cloud LoadBalancer child context: instances come
 * from the mesh and the mesh's load balancer picks among them. Instances are secure
 * exactly when {@link OutboundTls} calls them with mutual TLS.
 */
@Configuration(proxyBeanMethods = false)
class MeshLoadBalancerClientConfiguration {

	@Bean
	ServiceInstanceListSupplier meshServiceInstanceListSupplier(Environment environment, MeshEndpoints endpoints,
			ObjectProvider<OutboundTls> outbound) {
		return new MeshServiceInstanceListSupplier(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME),
				endpoints, transport(outbound));
	}

	@Bean
	ReactorLoadBalancer<ServiceInstance> meshReactorLoadBalancer(Environment environment, MeshLoadBalancer loadBalancer,
			ObjectProvider<OutboundTls> outbound) {
		return new MeshReactorLoadBalancer(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME),
				loadBalancer, transport(outbound));
	}

	private static Function<MeshInstance, ServiceInstance> transport(ObjectProvider<OutboundTls> outbound) {
		OutboundTls tls = outbound.getIfAvailable();
		return (tls != null) ? tls::serviceInstance : MeshServiceInstance::new;
	}

}
