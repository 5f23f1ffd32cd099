package dev.mesh.discovery;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.inbound.TestInboundRequest;
import dev.mesh.kubernetes.EndpointSliceWatcher;

import static org.assertj.core.api.Assertions.assertThat;

class MeshDiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class,
				MeshKubernetesDiscoveryAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class))
		.withPropertyValues("spring.application.name=catalog", "mesh.control.url=http://127.0.0.1:1",
				"mesh.discovery.initial-sync-timeout=0s");

	@Test
	void mergesTheRegistryAndStaticEntriesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MeshEndpoints.class)
				.hasSingleBean(RegistryWatcher.class)
				.hasSingleBean(StaticDiscoverySource.class)
				.doesNotHaveBean(KubernetesDiscoverySource.class);
			assertThat(context.getBean(MeshEndpoints.class).sources()).extracting(MeshDiscoverySource::name)
				.containsExactly("static", "registry");
		});
	}

	@Test
	void servesStaticEntriesWithoutAControlService() {
		this.runner
			.withPropertyValues("mesh.control.enabled=false",
					"mesh.discovery.static.services.pricing=http://127.0.0.1:8083")
			.run((context) -> {
				assertThat(context).hasSingleBean(MeshEndpoints.class)
					.doesNotHaveBean(ControlPlaneClient.class)
					.doesNotHaveBean(RegistryWatcher.class);
				assertThat(context.getBean(MeshEndpoints.class).instances("pricing")).hasSize(1);
			});
	}

	@Test
	void staysOffWithoutAnySource() {
		this.runner.withPropertyValues("mesh.control.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshEndpoints.class)
				.doesNotHaveBean(MeshDiscoveryClient.class));
	}

	@Test
	void failsStartupNamingAnInvalidStaticEntry() {
		this.runner.withPropertyValues("mesh.discovery.static.services.pricing[0].url=pricing:8083").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mesh.discovery.static.services.pricing[0].url");
		});
	}

	@Test
	void addsKubernetesWhenEnabledUsingTheContextClient() {
		this.runner.withUserConfiguration(ContextClient.class)
			.withPropertyValues("mesh.control.enabled=false", "mesh.discovery.kubernetes.enabled=true",
					"mesh.discovery.kubernetes.namespaces=shop,books")
			.run((context) -> {
				assertThat(context).hasSingleBean(KubernetesDiscoverySource.class).hasSingleBean(MeshEndpoints.class);
				assertThat(context.getBean(MeshEndpoints.class).sources()).extracting(MeshDiscoverySource::name)
					.containsExactly("static", "kubernetes");
			});
	}

	@Test
	void skipsKubernetesWithoutTheFabric8Client() {
		this.runner.withClassLoader(new FilteredClassLoader(KubernetesClient.class, EndpointSliceWatcher.class))
			.withPropertyValues("mesh.control.enabled=false", "mesh.discovery.kubernetes.enabled=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KubernetesDiscoverySource.class).hasSingleBean(MeshEndpoints.class);
				assertThat(context.getBean(MeshEndpoints.class).sources()).extracting(MeshDiscoverySource::name)
					.containsExactly("static");
			});
	}

	@Test
	void countsInboundRequestsOfServletAndReactiveApplications() {
		WebApplicationContextRunner servlet = new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class))
			.withPropertyValues("spring.application.name=catalog", "mesh.discovery.initial-sync-timeout=0s");
		servlet.run((context) -> assertThat(context).hasSingleBean(InstanceRegistrar.class)
			.hasSingleBean(InboundRequestsFilter.class)
			.doesNotHaveBean(InboundRequestsWebFilter.class)
			.doesNotHaveBean(InboundRequestsStep.class));
		servlet.withPropertyValues("mesh.discovery.register=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InstanceRegistrar.class)
				.doesNotHaveBean(InboundRequestsFilter.class));
		ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class))
			.withPropertyValues("spring.application.name=catalog", "mesh.discovery.initial-sync-timeout=0s");
		reactive.run((context) -> assertThat(context).hasSingleBean(InboundRequestsWebFilter.class)
			.hasSingleBean(InboundRequestsStep.class)
			.doesNotHaveBean(InboundRequestsFilter.class));
		reactive.withPropertyValues("mesh.discovery.register=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InboundRequestsWebFilter.class)
				.doesNotHaveBean(InboundRequestsStep.class));
	}

	@Test
	void countsRequestsServedBelowWebFluxForTheDrain() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class))
			.withPropertyValues("spring.application.name=catalog", "mesh.discovery.initial-sync-timeout=0s")
			.run((context) -> {
				context.getBean(InboundRequestsStep.class).apply(TestInboundRequest.get("/orders"));
				assertThat(context.getBean(InboundRequests.class).active()).isOne();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ContextClient {

		@Bean(destroyMethod = "close")
		KubernetesClient kubernetesClient() {
			return new KubernetesClientBuilder()
				.withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1")
					.withNamespace("shop")
					.withRequestRetryBackoffLimit(0)
					.build())
				.build();
		}

	}

}
