package dev.mesh.gateway.edge;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.gateway.TestInboundRequest;
import dev.mesh.inbound.InboundStep;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayEdgeAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshGatewayEdgeAutoConfiguration.class))
		.withPropertyValues("spring.application.name=gateway")
		.withBean(ConfigurationService.class,
				() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null));

	@Test
	void configuresTheEdgeByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ClientAddresses.class)
				.hasSingleBean(ClientRateLimiter.class)
				.hasSingleBean(LocalRateLimiter.class)
				.hasSingleBean(IdentityHeadersWebFilter.class)
				.hasSingleBean(RequestSizeWebFilter.class)
				.hasSingleBean(ClientAddressHeadersFilter.class)
				.hasSingleBean(IdentityHeadersInboundStep.class)
				.hasSingleBean(RequestSizeInboundStep.class)
				.hasSingleBean(WeightCalculatorInboundStep.class);
			assertThat(context.getBean(KeyResolver.class)).isInstanceOf(ClientKeyResolver.class);
			assertThat(context.getBean(ClientAddresses.class).isTrusted("10.0.0.1")).isFalse();
		});
	}

	@Test
	void givesEachOfItsWebFiltersAStepThatFollowsTheFiltersSettings() {
		this.runner
			.withPropertyValues("mesh.gateway.edge.strip-headers=X-Internal", "mesh.gateway.edge.max-request-size=0B")
			.run((context) -> {
				List<Class<?>> stepped = context.getBeanProvider(InboundStep.class)
					.stream()
					.<Class<?>>map(InboundStep::webFilter)
					.toList();
				assertThat(context.getBeansOfType(WebFilter.class).values())
					.allSatisfy((filter) -> assertThat(stepped).contains(filter.getClass()));
				InboundStep identity = context.getBean(IdentityHeadersInboundStep.class);
				assertThat(identity.accepts(TestInboundRequest.get("/").header("X-Spiffe-Id", "spiffe://x"))).isTrue();
				assertThat(identity.accepts(TestInboundRequest.get("/").header("X-Internal", "1"))).isFalse();
				InboundStep size = context.getBean(RequestSizeInboundStep.class);
				assertThat(size.accepts(TestInboundRequest.get("/").header("Content-Length", "0"))).isTrue();
				assertThat(size.accepts(TestInboundRequest.get("/").header("Content-Length", "zero"))).isFalse();
			});
	}

	@Test
	void refusesANegativeMaxRequestSize() {
		this.runner.withPropertyValues("mesh.gateway.edge.max-request-size=-1B")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mesh.gateway.edge.max-request-size")
				.hasMessageContaining("Must be a size of 0 or more"));
	}

	@Test
	void leavesOutTheWeightCalculatorsStepWhenSpringCloudGatewayLeavesOutTheFilter() {
		this.runner.withPropertyValues("spring.cloud.gateway.server.webflux.predicate.weight.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WeightCalculatorInboundStep.class)
				.hasSingleBean(RequestSizeInboundStep.class));
	}

	@Test
	void trustsTheProxiesSpringCloudGatewayTrustsAndKeysByTheConfiguredHeader() {
		this.runner
			.withPropertyValues("spring.cloud.gateway.server.webflux.trusted-proxies=10\\.0\\.0\\.\\d+",
					"mesh.gateway.edge.client-key-header=X-Api-Key")
			.run((context) -> {
				assertThat(context.getBean(ClientAddresses.class).isTrusted("10.0.0.1")).isTrue();
				MockServerWebExchange exchange = MockServerWebExchange
					.from(MockServerHttpRequest.get("/").header("X-Api-Key", "k1"));
				assertThat(context.getBean(KeyResolver.class).resolve(exchange).block()).isEqualTo("key:k1");
			});
	}

	@Test
	void backsOffForTheApplicationsOwnKeyResolver() {
		KeyResolver own = (exchange) -> Mono.just("everyone");
		this.runner.withBean(KeyResolver.class, () -> own)
			.run((context) -> assertThat(context.getBean(KeyResolver.class)).isSameAs(own));
	}

	@Test
	void staysTheRateLimiterOfRequestRateLimiterBesideSpringCloudGatewaysRedisRateLimiter() {
		this.runner
			.withBean("redisRateLimiter", RedisRateLimiter.class,
					() -> new RedisRateLimiter(new ReactiveStringRedisTemplate(new LettuceConnectionFactory()),
							longs(RedisScript.of("return {1, 1}", List.class)),
							new ConfigurationService((BeanFactory) null, () -> null, () -> null)))
			.run((context) -> assertThat(context.getBean(RateLimiter.class)).isInstanceOf(LocalRateLimiter.class));
	}

	@Test
	void staysAwayWithoutSpringCloudGatewayOrWhenItIsDisabled() {
		this.runner.withClassLoader(new FilteredClassLoader(RouteLocator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientAddresses.class));
		this.runner.withPropertyValues("spring.cloud.gateway.server.webflux.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientAddresses.class));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> longs(RedisScript script) {
		return script;
	}

}
