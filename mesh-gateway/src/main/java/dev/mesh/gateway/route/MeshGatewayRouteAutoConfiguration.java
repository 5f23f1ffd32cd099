package dev.mesh.gateway.route;

import java.util.List;
import java.util.function.Function;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayAutoConfiguration;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.netty.http.client.HttpClient;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyPropertySource;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.gateway.MeshGatewayProperties;
import dev.mesh.gateway.edge.ClientRateLimiter;
import dev.mesh.gateway.edge.MeshGatewayEdgeAutoConfiguration;
import dev.mesh.gateway.jwt.GatewayJwt;
import dev.mesh.gateway.traffic.ResilienceGatewayFilter;
import dev.mesh.gateway.traffic.ShadowTarget;
import dev.mesh.gateway.traffic.StickyCookieIssuer;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.loadbalancer.MeshLoadBalancerAutoConfiguration;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

/**
 * Auto-configuration of the gateway's routes: the policy's gateway routes as a live
 * {@link PolicyRouteLocator}, Spring Cloud Gateway's route definitions kept free of
 * expressions, and the circuit breakers and bulkheads of the destinations on every
 * {@code lb://} route.
 */
@AutoConfiguration(after = { MeshCoreAutoConfiguration.class, MeshLoadBalancerAutoConfiguration.class,
		GatewayAutoConfiguration.class, MeshGatewayEdgeAutoConfiguration.class, MeshResilienceAutoConfiguration.class })
@ConditionalOnBean(MeshPolicyState.class)
@EnableConfigurationProperties(MeshGatewayProperties.class)
@ConditionalOnClass(RouteLocator.class)
@ConditionalOnBooleanProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
public final class MeshGatewayRouteAutoConfiguration {

	/**
	 * Name of Spring Cloud Gateway's primary route definition locator.
	 */
	static final String ROUTE_DEFINITION_LOCATOR = "routeDefinitionLocator";

	@Bean
	static BeanPostProcessor meshExpressionFreeRouteDefinitions(ObjectProvider<GatewayProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (ROUTE_DEFINITION_LOCATOR.equals(beanName) && bean instanceof RouteDefinitionLocator locator
						&& !(bean instanceof ExpressionFreeRouteDefinitionLocator)) {
					return new ExpressionFreeRouteDefinitionLocator(locator, () -> {
						GatewayProperties gateway = properties.getIfAvailable();
						return (gateway != null) ? gateway.getDefaultFilters() : List.of();
					});
				}
				return bean;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	PolicyRouteLocator meshPolicyRouteLocator(MeshPolicyState policy,
			ObjectProvider<StripPrefixGatewayFilterFactory> stripPrefix,
			ObjectProvider<RetryGatewayFilterFactory> retry, ObjectProvider<MeshLoadBalancer> loadBalancer,
			HttpClient httpClient, ObjectProvider<OutboundTls> outboundTls, MeshGatewayProperties properties,
			KeyResolver clientKeys, ClientRateLimiter rateLimiter, ObjectProvider<GatewayJwt> jwt,
			ApplicationEventPublisher publisher, Environment environment) {
		MeshGatewayProperties.Mirror mirror = properties.getMirror();
		// Mesh routes use these filters even where yml routes may not
		// (spring.cloud.gateway.server.webflux.filter.*.enabled=false).
		RetryGatewayFilterFactory retries = retry.getIfAvailable(() -> {
			RetryGatewayFilterFactory own = new RetryGatewayFilterFactory();
			own.setApplicationEventPublisher(publisher);
			return own;
		});
		OutboundTls tls = outboundTls.getIfAvailable();
		// Copies go to the shadow the way the route's own calls go: with mutual TLS where
		// the mesh uses it
		Function<MeshInstance, MeshServiceInstance> transport = (tls != null) ? tls::serviceInstance
				: MeshServiceInstance::new;
		RouteFactory factory = new RouteFactory(stripPrefix.getIfAvailable(StripPrefixGatewayFilterFactory::new),
				retries, loadBalancer.getIfAvailable(), httpClient, transport,
				new ShadowTarget.Settings(mirror.getTimeout(), mirror.getMaxBodySize(), mirror.getMaxInFlight()),
				clientKeys, rateLimiter, jwt.getIfAvailable(GatewayJwt::off), stickyCookies(properties.getSticky()));
		return new PolicyRouteLocator(policy, factory, publisher, (id) -> isPushed(environment, id));
	}

	private static StickyCookieIssuer stickyCookies(MeshGatewayProperties.Sticky sticky) {
		return sticky.isIssueCookie() ? new StickyCookieIssuer(sticky.getCookieMaxAge()) : null;
	}

	@Bean
	@ConditionalOnBean(MeshResilience.class)
	@ConditionalOnMissingBean
	ResilienceGatewayFilter meshResilienceGatewayFilter(MeshResilience resilience) {
		return new ResilienceGatewayFilter(resilience);
	}

	private static boolean isPushed(Environment environment, String id) {
		MeshPolicyPropertySource snapshot = MeshPolicyPropertySource.find(environment);
		if (snapshot == null) {
			return false;
		}
		String prefix = "mesh.gateway.routes[" + id + "]";
		return snapshot.getProperties().keySet().stream().anyMatch((key) -> key.startsWith(prefix));
	}

}
