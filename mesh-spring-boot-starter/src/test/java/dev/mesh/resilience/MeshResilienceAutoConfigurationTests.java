package dev.mesh.resilience;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.inbound.InboundStep;

import static org.assertj.core.api.Assertions.assertThat;

class MeshResilienceAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MeshCoreAutoConfiguration.class,
			MeshResilienceAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("spring.application.name=catalog");

	@Test
	void configuresTheChainAndTheServletFiltersByDefault() {
		this.servlet.run((context) -> {
			assertThat(context).hasSingleBean(MeshResilience.class)
				.hasSingleBean(InboundRateLimiter.class)
				.hasBean("meshRateLimitFilter")
				.hasBean("meshDeadlineFilter");
			assertThat(context.getBean(CallerIdentityResolver.class)).isInstanceOf(HeaderCallerIdentityResolver.class);
		});
	}

	@Test
	void leavesInboundDeadlinesAloneWhenSwitchedOff() {
		this.servlet.withPropertyValues("mesh.resilience.deadline.enabled=false")
			.run((context) -> assertThat(context).hasBean("meshRateLimitFilter").doesNotHaveBean("meshDeadlineFilter"));
	}

	@Test
	void backsOffForTheApplicationsOwnCallerIdentity() {
		CallerIdentityResolver own = (request) -> "spiffe://example/ns/shop/sa/storefront";
		this.servlet.withBean(CallerIdentityResolver.class, () -> own)
			.run((context) -> assertThat(context.getBean(CallerIdentityResolver.class)).isSameAs(own));
	}

	@Test
	void usesWebFiltersOnAReactiveServer() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog")
			.run((context) -> assertThat(context).hasSingleBean(RateLimitWebFilter.class)
				.hasSingleBean(DeadlineWebFilter.class)
				.hasSingleBean(RateLimitStep.class)
				.hasSingleBean(DeadlineStep.class)
				.doesNotHaveBean("meshRateLimitFilter"));
	}

	@Test
	void registersTheStepsOfItsWebFiltersOnlyWithThem() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(InboundStep.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog", "mesh.resilience.deadline.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RateLimitStep.class)
				.doesNotHaveBean(DeadlineWebFilter.class)
				.doesNotHaveBean(DeadlineStep.class));
	}

	@Test
	void installsNoFilterOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog")
			.run((context) -> assertThat(context).hasSingleBean(MeshResilience.class)
				.doesNotHaveBean(RateLimitWebFilter.class)
				.doesNotHaveBean("meshRateLimitFilter"));
	}

}
