package dev.mesh.gateway.edge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.gateway.edge.GlobalRateLimitProperties.FailureMode;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayGlobalRateLimitAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, MeshGatewayGlobalRateLimitAutoConfiguration.class,
				MeshGatewayEdgeAutoConfiguration.class))
		.withPropertyValues("spring.application.name=gateway")
		.withBean(SimpleMeterRegistry.class)
		.withBean(ConfigurationService.class,
				() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null));

	@Test
	void keepsLocalBucketsOnlyByDefault() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(GlobalRateLimiter.class);
			assertThat(context.getBean(ClientRateLimiter.class).global()).isNull();
			assertThat(context.getBean(RateLimitEndpointSection.class).describe().global()).isNull();
		});
	}

	@Test
	void keepsBucketsInTheRedisOfSpringDataRedisWhenEnabled() {
		this.runner
			.withPropertyValues("mesh.gateway.rate-limit.global.enabled=true",
					"mesh.gateway.rate-limit.global.failure-mode=closed", "spring.data.redis.host=redis.example",
					"spring.data.redis.port=6390")
			.run((context) -> {
				GlobalRateLimiter global = context.getBean(GlobalRateLimiter.class);
				assertThat(context.getBean(ClientRateLimiter.class).global()).isSameAs(global);
				RateLimitEndpointSection section = context.getBean(RateLimitEndpointSection.class);
				assertThat(section.name()).isEqualTo("gatewayRateLimit");
				assertThat(section.describe().global()).satisfies((stats) -> {
					assertThat(stats.redis()).isEqualTo("redis.example:6390");
					assertThat(stats.failureMode()).isEqualTo(FailureMode.CLOSED);
					assertThat(stats.failures()).isZero();
				});
			});
	}

	@Test
	void refusesToStartEnabledWithoutARedisConnection() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MeshGatewayGlobalRateLimitAutoConfiguration.class))
			.withPropertyValues("mesh.gateway.rate-limit.global.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mesh.gateway.rate-limit.global.enabled is true")
				.hasMessageContaining("spring.data.redis"));
	}

	@Test
	void backsOffForTheApplicationsOwnGlobalLimiter() {
		this.runner.withPropertyValues("mesh.gateway.rate-limit.global.enabled=true")
			.withBean("own", GlobalRateLimiter.class,
					() -> new GlobalRateLimiter(new ReactiveStringRedisTemplate(new LettuceConnectionFactory()), "own",
							new GlobalRateLimitProperties(), null))
			.run((context) -> assertThat(context).hasSingleBean(GlobalRateLimiter.class).hasBean("own"));
	}

	@Test
	void staysAwayWithoutSpringDataRedis() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class,
					MeshGatewayGlobalRateLimitAutoConfiguration.class, MeshGatewayEdgeAutoConfiguration.class))
			.withBean(ConfigurationService.class,
					() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null))
			.withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.withPropertyValues("spring.application.name=gateway", "mesh.gateway.rate-limit.global.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(GlobalRateLimiter.class)
				.hasSingleBean(ClientRateLimiter.class));
	}

}
