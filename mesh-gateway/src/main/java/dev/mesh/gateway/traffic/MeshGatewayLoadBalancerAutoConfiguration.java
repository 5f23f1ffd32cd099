package dev.mesh.gateway.traffic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayLoadBalancerProperties;
import org.springframework.cloud.gateway.config.GatewayReactiveLoadBalancerClientAutoConfiguration;
import org.springframework.cloud.gateway.config.conditional.ConditionalOnEnabledGlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link CachingLoadBalancerClientFilter} in the place of Spring Cloud Gateway's
 * load-balancer filter (which then backs off), under the same switch
 * ({@code spring.cloud.gateway.server.webflux.global-filter.reactive-load-balancer-client.enabled}).
 */
@AutoConfiguration(after = LoadBalancerAutoConfiguration.class,
		before = GatewayReactiveLoadBalancerClientAutoConfiguration.class)
@ConditionalOnClass(ReactiveLoadBalancerClientFilter.class)
@EnableConfigurationProperties(GatewayLoadBalancerProperties.class)
public final class MeshGatewayLoadBalancerAutoConfiguration {

	@Bean
	@ConditionalOnBean(LoadBalancerClientFactory.class)
	@ConditionalOnMissingBean(ReactiveLoadBalancerClientFilter.class)
	@ConditionalOnEnabledGlobalFilter(ReactiveLoadBalancerClientFilter.class)
	CachingLoadBalancerClientFilter meshLoadBalancerClientFilter(LoadBalancerClientFactory clientFactory,
			GatewayLoadBalancerProperties properties) {
		return new CachingLoadBalancerClientFilter(clientFactory, properties);
	}

}
