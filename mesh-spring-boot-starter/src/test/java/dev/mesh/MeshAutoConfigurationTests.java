package dev.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.actuate.MeshEndpointAutoConfiguration;
import dev.mesh.client.MeshClientAutoConfiguration;
import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.inbound.InboundStep;
import dev.mesh.loadbalancer.MeshLoadBalancerAutoConfiguration;
import dev.mesh.observability.MeshObservabilityAutoConfiguration;
import dev.mesh.policy.registry.RegistrySnapshot;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
				MeshLoadBalancerAutoConfiguration.class, MeshResilienceAutoConfiguration.class,
				MeshClientAutoConfiguration.class, MeshEndpointAutoConfiguration.class,
				MeshObservabilityAutoConfiguration.class, UtilAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class))
		.withPropertyValues("spring.application.name=catalog", "mesh.control.url=http://127.0.0.1:1",
				"mesh.discovery.initial-sync-timeout=0s", "management.endpoints.web.exposure.include=mesh");

	@Test
	void configuresTheWholeDataPlaneByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MeshWorkload.class)
				.hasSingleBean(MeshEndpoints.class)
				.hasSingleBean(MeshRegistration.class)
				.hasSingleBean(MeshEndpoint.class)
				.hasBean("meshRestClientCustomizer")
				.hasBean("meshRestTemplateCustomizer")
				.hasBean("meshWebClientCustomizer")
				.hasBean("meshNoInstancesExceptionHandler");
			assertThat(context.getBeansOfType(DiscoveryClient.class)).containsKey("meshDiscoveryClient");
			assertThat(context.getBean(MeshWorkload.class).label()).isEqualTo("catalog@v1");
		});
	}

	@Test
	void keepsOnlyTheIdentityWhenTheControlServiceIsDisabled() {
		this.runner.withPropertyValues("mesh.control.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MeshWorkload.class)
				.hasSingleBean(MeshEndpoint.class)
				.doesNotHaveBean(MeshEndpoints.class)
				.doesNotHaveBean(MeshRegistration.class)
				.doesNotHaveBean("meshRestClientCustomizer"));
	}

	@Test
	void callsStaticDestinationsWithoutAControlService() {
		this.runner
			.withPropertyValues("mesh.control.enabled=false",
					"mesh.discovery.static.services.pricing=http://127.0.0.1:8083")
			.run((context) -> assertThat(context).hasSingleBean(MeshEndpoints.class)
				.doesNotHaveBean(MeshRegistration.class)
				.hasBean("meshRestClientCustomizer")
				.hasBean("meshWebClientCustomizer"));
	}

	@Test
	void doesNotRegisterWhenRegistrationIsSwitchedOff() {
		this.runner.withPropertyValues("mesh.discovery.register=false")
			.run((context) -> assertThat(context).hasSingleBean(MeshEndpoints.class)
				.doesNotHaveBean(MeshRegistration.class));
	}

	@Test
	void leavesClientsAloneWhenClientIntegrationIsSwitchedOff() {
		this.runner.withPropertyValues("mesh.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("meshRestClientCustomizer")
				.doesNotHaveBean("meshWebClientCustomizer"));
	}

	@Test
	void backsOffWhenTheUserProvidesTheMeshView() {
		this.runner.withUserConfiguration(UserEndpoints.class).run((context) -> {
			assertThat(context).hasSingleBean(MeshEndpoints.class);
			assertThat(context.getBean(MeshEndpoints.class)).isSameAs(context.getBean("userEndpoints"));
		});
	}

	@Test
	void skipsWebClientIntegrationWithoutWebClient() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasBean("meshRestClientCustomizer")
				.doesNotHaveBean("meshWebClientCustomizer"));
	}

	@Test
	void givesEveryWebFilterOfAReactiveApplicationItsInboundStep() {
		List<Class<?>> configurations = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())) {
			if (name.startsWith("dev.mesh.")) {
				configurations.add(ClassUtils.resolveClassName(name, getClass().getClassLoader()));
			}
		}
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(configurations.toArray(Class<?>[]::new)))
			.withPropertyValues("spring.application.name=catalog", "mesh.control.url=http://127.0.0.1:1",
					"mesh.discovery.initial-sync-timeout=0s")
			.run((context) -> {
				List<Class<?>> webFilters = context.getBeansOfType(WebFilter.class)
					.values()
					.stream()
					.<Class<?>>map(Object::getClass)
					.toList();
				assertThat(webFilters).hasSize(6);
				assertThat(context.getBeansOfType(InboundStep.class).values()).extracting(InboundStep::webFilter)
					.containsExactlyInAnyOrderElementsOf(webFilters);
			});
	}

	@Test
	void failsStartupNamingAnInvalidProperty() {
		this.runner.withPropertyValues("mesh.zone=not a zone").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("mesh.zone");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoints {

		@Bean
		MeshEndpoints userEndpoints() {
			return new MeshEndpoints() {

				@Override
				public RegistrySnapshot snapshot() {
					return RegistrySnapshot.EMPTY;
				}

				@Override
				public WatchStatus status() {
					return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
				}

				@Override
				public void addListener(Consumer<RegistrySnapshot> listener) {
				}

			};
		}

	}

}
