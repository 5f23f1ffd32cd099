package dev.mesh.gateway.edge;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.gateway.config.GatewayAutoConfiguration;
import org.springframework.cloud.gateway.config.conditional.ConditionalOnEnabledPredicate;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.handler.predicate.WeightRoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshWorkload;
import dev.mesh.gateway.MeshGatewayProperties;

/**
 * Auto-configuration of the gateway's edge: client addresses behind trusted proxies,
 * identity headers stripped, request size limit, the steps of these web filters (and of
 * Spring Cloud Gateway's weight calculator) for requests served below WebFlux, and local
 * per-client rate limits (the gateway's {@link KeyResolver} and {@link RateLimiter}, so
 * it runs before Spring Cloud Gateway's auto-configuration, whose
 * {@code RequestRateLimiter} filter needs both).
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class, before = GatewayAutoConfiguration.class)
@EnableConfigurationProperties(MeshGatewayProperties.class)
@ConditionalOnClass(RouteLocator.class)
@ConditionalOnBooleanProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
public final class MeshGatewayEdgeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientAddresses meshClientAddresses(Environment environment) {
		return new ClientAddresses(environment.getProperty(TrustedProxies.PROPERTY));
	}

	@Bean
	@ConditionalOnMissingBean
	ClientRateLimiter meshClientRateLimiter(ObjectProvider<GlobalRateLimiter> global) {
		return new ClientRateLimiter(global.getIfAvailable());
	}

	@Bean
	RateLimitEndpointSection meshRateLimitEndpointSection(ClientRateLimiter limiter) {
		return new RateLimitEndpointSection(limiter);
	}

	@Bean
	@ConditionalOnMissingBean(KeyResolver.class)
	ClientKeyResolver meshClientKeyResolver(ClientAddresses addresses, MeshGatewayProperties properties) {
		return new ClientKeyResolver(addresses, properties.getEdge().getClientKeyHeader());
	}

	/**
	 * The gateway's rate limiter for {@code RequestRateLimiter} filters; primary, since
	 * with Spring Data Redis present Spring Cloud Gateway may add its own (which the
	 * gateway's expression-free routes could never name).
	 */
	@Bean
	@Primary
	@ConditionalOnMissingBean(value = RateLimiter.class,
			ignoredType = "org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter")
	LocalRateLimiter meshLocalRateLimiter(ClientRateLimiter buckets, ConfigurationService configurationService) {
		return new LocalRateLimiter(buckets, configurationService);
	}

	@Bean
	IdentityHeadersWebFilter meshIdentityHeadersWebFilter(MeshGatewayProperties properties) {
		return new IdentityHeadersWebFilter(properties.getEdge().getStripHeaders());
	}

	@Bean
	IdentityHeadersInboundStep meshIdentityHeadersInboundStep(IdentityHeadersWebFilter filter) {
		return new IdentityHeadersInboundStep(filter);
	}

	@Bean
	RequestSizeWebFilter meshRequestSizeWebFilter(MeshGatewayProperties properties) {
		DataSize max = properties.getEdge().getMaxRequestSize();
		if (max == null || max.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("mesh.gateway.edge.max-request-size", max,
					"Must be a size of 0 or more (0 refuses every request body).");
		}
		return new RequestSizeWebFilter(max);
	}

	@Bean
	RequestSizeInboundStep meshRequestSizeInboundStep(RequestSizeWebFilter filter) {
		return new RequestSizeInboundStep(filter);
	}

	/**
	 * The step of Spring Cloud Gateway's {@code WeightCalculatorWebFilter}, on the same
	 * condition as that filter's bean.
	 */
	@Bean
	@ConditionalOnEnabledPredicate(WeightRoutePredicateFactory.class)
	WeightCalculatorInboundStep meshWeightCalculatorInboundStep() {
		return new WeightCalculatorInboundStep();
	}

	@Bean
	ClientAddressHeadersFilter meshClientAddressHeadersFilter(ClientAddresses addresses, MeshWorkload workload) {
		return new ClientAddressHeadersFilter(addresses, workload.service());
	}

}
