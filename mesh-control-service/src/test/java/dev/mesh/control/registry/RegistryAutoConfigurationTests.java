package dev.mesh.control.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RegistryAutoConfiguration.class));

	@Test
	void providesRegistryWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InstanceRegistry.class)
				.hasSingleBean(RegistryEvictor.class)
				.hasSingleBean(WatchStreams.class)
				.hasSingleBean(RegistryMetrics.class)
				.hasSingleBean(RouterFunction.class);
			RegistryProperties properties = context.getBean(RegistryProperties.class);
			assertThat(properties.getTtl()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.getEvictionInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.getKeepaliveInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
			assertThat(context.getBean(RegistryEvictor.class).isRunning()).isTrue();
		});
	}

	@Test
	void feedsKubernetesEndpointsOnlyWhenEnabled() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(KubernetesRegistryFeed.class));
		this.contextRunner.withUserConfiguration(KubernetesClientConfiguration.class)
			.withPropertyValues("mesh.registry.kubernetes.enabled=true", "mesh.registry.kubernetes.namespaces=shop")
			.run((context) -> assertThat(context).hasSingleBean(KubernetesRegistryFeed.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(KubernetesClient.class))
			.withPropertyValues("mesh.registry.kubernetes.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KubernetesRegistryFeed.class));
	}

	@Test
	void bindsDurations() {
		this.contextRunner
			.withPropertyValues("mesh.registry.ttl=300ms", "mesh.registry.eviction-interval=50ms",
					"mesh.registry.keepalive-interval=2s")
			.run((context) -> {
				assertThat(context.getBean(InstanceRegistry.class).ttl()).isEqualTo(Duration.ofMillis(300));
				RegistryProperties properties = context.getBean(RegistryProperties.class);
				assertThat(properties.getEvictionInterval()).isEqualTo(Duration.ofMillis(50));
				assertThat(properties.getKeepaliveInterval()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void userClockBacksOffDefault() {
		this.contextRunner.withUserConfiguration(ClockConfiguration.class).run((context) -> {
			assertThat(context).getBean(Clock.class).isSameAs(ClockConfiguration.CLOCK);
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
			ClockConfiguration.CLOCK.advance(Duration.ofSeconds(16));
			assertThat(registry.evictExpired()).hasSize(1);
		});
	}

	@Test
	void failsOnZeroTtlNamingTheProperty() {
		this.contextRunner.withPropertyValues("mesh.registry.ttl=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mesh.registry")
				.hasMessageContaining("'ttl'")
				.hasMessageContaining("must be a positive duration");
		});
	}

	@Test
	void failsOnNegativeIntervalsNamingEachProperty() {
		this.contextRunner
			.withPropertyValues("mesh.registry.eviction-interval=-1s", "mesh.registry.keepalive-interval=-5s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("evictionInterval")
					.hasMessageContaining("keepaliveInterval");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class KubernetesClientConfiguration {

		@Bean
		KubernetesClient kubernetesClient() {
			return new KubernetesClientBuilder()
				.withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withNamespace("shop").build())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		static final MutableClock CLOCK = new MutableClock();

		@Bean
		Clock testClock() {
			return CLOCK;
		}

	}

}
