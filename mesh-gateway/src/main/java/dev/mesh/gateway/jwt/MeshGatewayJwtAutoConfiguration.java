package dev.mesh.gateway.jwt;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.gateway.MeshGatewayProperties;

/**
 * Auto-configuration of JWT validation at the gateway's edge: off unless
 * {@code mesh.gateway.jwt.jwk-set-uri} or {@code mesh.gateway.jwt.issuer-uri} is set (or
 * a {@link ReactiveJwtDecoder} bean is defined). Spring Security's resource server parts
 * are used directly, as one web filter, so the gateway gets no other Spring Security
 * behaviour (no default login, no firewall, no response headers). Spring Cloud Gateway
 * routes get the {@code JwtClaim} predicate and the {@code RequireJwt} filter.
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class)
@ConditionalOnClass({ RouteLocator.class, AuthenticationWebFilter.class, NimbusReactiveJwtDecoder.class,
		MeterRegistry.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MeshGatewayProperties.class)
public final class MeshGatewayJwtAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(JwtConfiguredCondition.class)
	ReactiveJwtDecoder meshGatewayJwtDecoder(MeshGatewayProperties properties) {
		return JwtDecoders.create(properties.getJwt());
	}

	@Bean
	@ConditionalOnMissingBean
	GatewayJwt meshGatewayJwt(MeshGatewayProperties properties, ObjectProvider<ReactiveJwtDecoder> decoder,
			ObjectProvider<MeterRegistry> registry) {
		boolean enabled = decoder.getIfAvailable() != null;
		if (!enabled && properties.getJwt().isRequired()) {
			throw new IllegalStateException("mesh.gateway.jwt.required is true but no token can be validated: "
					+ "set mesh.gateway.jwt.jwk-set-uri or mesh.gateway.jwt.issuer-uri");
		}
		return new GatewayJwt(properties.getJwt(), enabled, registry::getIfAvailable);
	}

	@Bean
	JwtWebFilter meshGatewayJwtWebFilter(GatewayJwt jwt, ObjectProvider<ReactiveJwtDecoder> decoder) {
		return new JwtWebFilter(jwt, decoder.getIfAvailable());
	}

	@Bean
	JwtInboundStep meshGatewayJwtInboundStep(JwtWebFilter filter) {
		return new JwtInboundStep(filter);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtClaimRoutePredicateFactory jwtClaimRoutePredicateFactory() {
		return new JwtClaimRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RequireJwtGatewayFilterFactory requireJwtGatewayFilterFactory(GatewayJwt jwt) {
		return new RequireJwtGatewayFilterFactory(jwt);
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> meshGatewayJwtManagementPort(JwtWebFilter filter) {
		return (event) -> {
			if ("management".equals(event.getApplicationContext().getServerNamespace())) {
				filter.managementPort(event.getWebServer().getPort());
			}
		};
	}

	static final class JwtConfiguredCondition extends AnyNestedCondition {

		JwtConfiguredCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("mesh.gateway.jwt.jwk-set-uri")
		static final class JwkSetUri {

		}

		@ConditionalOnProperty("mesh.gateway.jwt.issuer-uri")
		static final class IssuerUri {

		}

	}

}
