package dev.mesh.loadbalancer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.inbound.InboundStep;

import static org.assertj.core.api.Assertions.assertThat;

class MeshLoadBalancerAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MeshCoreAutoConfiguration.class,
			MeshDiscoveryAutoConfiguration.class, MeshLoadBalancerAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("spring.application.name=catalog", "mesh.control.enabled=false",
				"mesh.discovery.static.services.pricing=http://127.0.0.1:8083");

	@Test
	void keepsTheCohortOfReactiveRequestsWithAWebFilterAndItsStep() {
		this.reactive.run((context) -> assertThat(context).hasSingleBean(MeshLoadBalancer.class)
			.hasSingleBean(CohortWebFilter.class)
			.hasSingleBean(CohortStep.class)
			.doesNotHaveBean("meshCohortFilter"));
	}

	@Test
	void keepsTheCohortOfServletRequestsWithAServletFilterAndNoStep() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog", "mesh.control.enabled=false",
					"mesh.discovery.static.services.pricing=http://127.0.0.1:8083")
			.run((context) -> assertThat(context).hasBean("meshCohortFilter")
				.doesNotHaveBean(CohortWebFilter.class)
				.doesNotHaveBean(InboundStep.class));
	}

	@Test
	void staysOffWithoutDiscovery() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog", "mesh.control.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshLoadBalancer.class)
				.doesNotHaveBean(CohortWebFilter.class)
				.doesNotHaveBean(CohortStep.class));
	}

}
