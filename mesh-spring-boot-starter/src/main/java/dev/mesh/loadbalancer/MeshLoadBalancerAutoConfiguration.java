package dev.mesh.loadbalancer;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Auto-configuration of the mesh's load balancing: the per-destination algorithms,
 * locality, outlier detection and canary cohorts, used directly by the mesh's HTTP
 * clients and, through Spring Cloud LoadBalancer, by {@code lb://} routes and
 * {@code @LoadBalanced} clients.
 */
@AutoConfiguration(after = MeshDiscoveryAutoConfiguration.class, before = LoadBalancerAutoConfiguration.class)
@ConditionalOnBean(MeshEndpoints.class)
@LoadBalancerClients(defaultConfiguration = MeshLoadBalancerClientConfiguration.class)
public final class MeshLoadBalancerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MeshLoadBalancerAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MeshLoadBalancer meshLoadBalancer(MeshEndpoints endpoints, ObjectProvider<MeshPolicyState> policy,
			MeshWorkload workload, ObjectProvider<EjectionListener> listeners) {
		return new MeshLoadBalancer(endpoints, policy.getIfAvailable(), workload.zone(),
				(instance, duration, ejections) -> {
					log(instance, duration, ejections);
					listeners.orderedStream().forEach((listener) -> listener.ejected(instance, duration, ejections));
				});
	}

	private static void log(MeshInstance instance, Duration duration, int ejections) {
		logger.warn("Ejected " + instance.instanceId() + " of " + instance.service() + " (" + instance.address() + ":"
				+ instance.port() + ") for " + duration.toMillis() + " ms after consecutive failures (ejection "
				+ ejections + " in a row)");
	}

	@Bean
	@ConditionalOnMissingBean
	MeshRouting meshRouting(MeshPolicyState state) {
		return new MeshRouting(state);
	}

	@Bean
	@ConditionalOnMissingBean
	MeshOutbound meshOutbound(ObjectProvider<MeshRouting> routing, MeshLoadBalancer loadBalancer) {
		return new MeshOutbound(routing.getIfAvailable(), loadBalancer);
	}

	@Bean
	MeshLoadBalancerLifecycle meshLoadBalancerLifecycle() {
		return new MeshLoadBalancerLifecycle();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletCohortConfiguration {

		@Bean
		FilterRegistrationBean<CohortServletFilter> meshCohortFilter() {
			FilterRegistrationBean<CohortServletFilter> registration = new FilterRegistrationBean<>(
					new CohortServletFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveCohortConfiguration {

		@Bean
		CohortWebFilter meshCohortWebFilter() {
			return new CohortWebFilter();
		}

		@Bean
		CohortStep meshCohortStep() {
			return new CohortStep();
		}

	}

}
