package dev.mesh.authz;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.MeshIdentityAutoConfiguration;
import dev.mesh.resilience.CallerIdentityResolver;
import dev.mesh.resilience.HeaderCallerIdentityResolver;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

/**
 * Auto-configuration of authorization in web applications: the caller's identity from its
 * TLS client certificate, the removal of identity headers, the enforcement of access
 * policies, the SPIFFE caller of rate limits when the workload has an identity, and
 * Spring Security authentication of mesh callers when Spring Security is present.
 */
@AutoConfiguration(after = { MeshCoreAutoConfiguration.class, MeshIdentityAutoConfiguration.class },
		before = MeshResilienceAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "mesh.authz.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MeshAuthzProperties.class)
public final class MeshAuthzAutoConfiguration {

	/**
	 * Order of the filter identifying the caller and removing identity headers: before
	 * everything that reads the request but the count of inbound requests.
	 */
	public static final int PEER_IDENTITY_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Order of the access policy filter: after Spring Security (-100), before the rate
	 * limit (-90) and the deadline (-80).
	 */
	public static final int ACCESS_POLICY_FILTER_ORDER = -95;

	private static final String IDENTITY_TRUST_DOMAIN = "mesh.identity.trust-domain";

	@Bean
	@ConditionalOnMissingBean
	MeshAuthorization meshAuthorization(MeshPolicyState policy, MeshAuthzProperties properties,
			ObjectProvider<MeshIdentity> identity, Environment environment,
			ObjectProvider<MeterRegistry> meterRegistry) {
		MeshIdentity own = identity.getIfAvailable();
		String trustDomain = (own != null) ? own.spiffeId().trustDomain()
				: environment.getProperty(IDENTITY_TRUST_DOMAIN, "cluster.local");
		return new MeshAuthorization(policy, properties, trustDomain, new AuthorizationDecisions(meterRegistry));
	}

	static Set<String> strippedHeaders(MeshAuthzProperties properties, ObjectProvider<CallerIdentityResolver> callers) {
		// The unauthenticated caller header goes unless it is what names callers
		boolean headerInUse = callers.getIfAvailable() instanceof HeaderCallerIdentityResolver;
		return IdentityHeaders.stripped(properties.getStripHeaders(),
				headerInUse ? null : HeaderCallerIdentityResolver.HEADER);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("mesh.identity.enabled")
	static class CallerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CallerIdentityResolver meshSpiffeCallerIdentityResolver() {
			return new SpiffeCallerIdentityResolver();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class ManagementPortConfiguration {

		@Bean
		ApplicationListener<WebServerInitializedEvent> meshAuthorizationManagementPort(
				MeshAuthorization authorization) {
			return (event) -> {
				if ("management".equals(event.getApplicationContext().getServerNamespace())) {
					authorization.managementPort(event.getWebServer().getPort());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletFilterConfiguration {

		@Bean
		FilterRegistrationBean<PeerIdentityServletFilter> meshPeerIdentityFilter(MeshAuthorization authorization,
				MeshAuthzProperties properties, ObjectProvider<CallerIdentityResolver> callers) {
			FilterRegistrationBean<PeerIdentityServletFilter> registration = new FilterRegistrationBean<>(
					new PeerIdentityServletFilter(authorization, strippedHeaders(properties, callers)));
			registration.setOrder(PEER_IDENTITY_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR,
					DispatcherType.FORWARD, DispatcherType.INCLUDE);
			return registration;
		}

		@Bean
		FilterRegistrationBean<AccessPolicyServletFilter> meshAccessPolicyFilter(MeshAuthorization authorization) {
			FilterRegistrationBean<AccessPolicyServletFilter> registration = new FilterRegistrationBean<>(
					new AccessPolicyServletFilter(authorization));
			registration.setOrder(ACCESS_POLICY_FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveFilterConfiguration {

		@Bean
		PeerIdentityWebFilter meshPeerIdentityWebFilter(MeshAuthorization authorization, MeshAuthzProperties properties,
				ObjectProvider<CallerIdentityResolver> callers) {
			return new PeerIdentityWebFilter(authorization, strippedHeaders(properties, callers));
		}

		@Bean
		PeerIdentityStep meshPeerIdentityStep(PeerIdentityWebFilter meshPeerIdentityWebFilter) {
			return new PeerIdentityStep(meshPeerIdentityWebFilter);
		}

		@Bean
		AccessPolicyWebFilter meshAccessPolicyWebFilter(MeshAuthorization authorization) {
			return new AccessPolicyWebFilter(authorization);
		}

		@Bean
		AccessPolicyStep meshAccessPolicyStep(AccessPolicyWebFilter meshAccessPolicyWebFilter) {
			return new AccessPolicyStep(meshAccessPolicyWebFilter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(HttpSecurity.class)
	@ConditionalOnBooleanProperty(name = "mesh.authz.spring-security.enabled", matchIfMissing = true)
	static class ServletSecurityConfiguration {

		@Bean
		Customizer<HttpSecurity> meshHttpSecurityCustomizer() {
			return new MeshHttpSecurityCustomizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerHttpSecurity.class)
	@ConditionalOnBooleanProperty(name = "mesh.authz.spring-security.enabled", matchIfMissing = true)
	static class ReactiveSecurityConfiguration {

		@Bean
		Customizer<ServerHttpSecurity> meshServerHttpSecurityCustomizer() {
			return new MeshServerHttpSecurityCustomizer();
		}

	}

}
