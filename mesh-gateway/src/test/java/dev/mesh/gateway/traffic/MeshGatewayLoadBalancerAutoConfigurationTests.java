package dev.mesh.gateway.traffic;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.config.GatewayReactiveLoadBalancerClientAutoConfiguration;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's load-balancer filter takes Spring Cloud Gateway's place.
 */
class MeshGatewayLoadBalancerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoadBalancerAutoConfiguration.class,
				GatewayReactiveLoadBalancerClientAutoConfiguration.class,
				MeshGatewayLoadBalancerAutoConfiguration.class));

	@Test
	void replacesSpringCloudGatewaysFilter() {
		this.runner.run((context) -> assertThat(context).getBean(ReactiveLoadBalancerClientFilter.class)
			.isInstanceOf(CachingLoadBalancerClientFilter.class));
	}

	@Test
	void isSwitchedOffWithSpringCloudGatewaysSwitch() {
		this.runner
			.withPropertyValues(
					"spring.cloud.gateway.server.webflux.global-filter.reactive-load-balancer-client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveLoadBalancerClientFilter.class));
	}

}
