package dev.mesh.gateway.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import dev.mesh.gateway.jwt.GatewayJwt;
import dev.mesh.gateway.route.MeshGatewayRouteAutoConfiguration;
import dev.mesh.gateway.route.PolicyRouteLocator;

/**
 * Auto-configuration of what the gateway shows: its {@code /actuator/mesh} section and
 * its request metrics.
 */
@AutoConfiguration(after = MeshGatewayRouteAutoConfiguration.class)
@ConditionalOnBean(PolicyRouteLocator.class)
public final class MeshGatewayEndpointAutoConfiguration {

	@Bean
	GatewayEndpointSection meshGatewayEndpointSection(RouteLocator routes, PolicyRouteLocator policyRoutes,
			@Qualifier("routeDefinitionLocator") RouteDefinitionLocator definitions, ObjectProvider<GatewayJwt> jwt,
			ObjectProvider<ReactorResourceFactory> resources) {
		return new GatewayEndpointSection(routes, policyRoutes, definitions, jwt.getIfAvailable(GatewayJwt::off),
				resources.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		GatewayRequestMetrics meshGatewayRequestMetrics(ObjectProvider<MeterRegistry> registry) {
			return new GatewayRequestMetrics(registry);
		}

	}

}
