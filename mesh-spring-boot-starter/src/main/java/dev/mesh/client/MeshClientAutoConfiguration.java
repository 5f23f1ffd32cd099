package dev.mesh.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.identity.MeshIdentity;
import dev.mesh.loadbalancer.MeshLoadBalancerAutoConfiguration;
import dev.mesh.loadbalancer.MeshOutbound;
import dev.mesh.mtls.MeshMtlsAutoConfiguration;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

/**
 * Auto-configuration that resolves mesh service names on the HTTP clients built from
 * Spring Boot's auto-configured builders, through the resilience chain.
 */
@AutoConfiguration(after = { MeshLoadBalancerAutoConfiguration.class, MeshResilienceAutoConfiguration.class,
		LoadBalancerAutoConfiguration.class, MeshMtlsAutoConfiguration.class })
@ConditionalOnBean({ MeshEndpoints.class, MeshOutbound.class, MeshResilience.class })
@ConditionalOnBooleanProperty(name = "mesh.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MeshClientProperties.class)
public final class MeshClientAutoConfiguration {

	@Bean
	MeshHosts meshHosts(MeshEndpoints endpoints, MeshClientProperties properties) {
		return new MeshHosts(endpoints, properties.getPassthroughHosts());
	}

	/**
	 * Return the name mesh clients send as the unauthenticated caller header, or
	 * {@code null} when the workload has an identity: then its certificate names it.
	 */
	static String caller(MeshWorkload workload, ObjectProvider<MeshIdentity> identity) {
		return (identity.getIfAvailable() != null) ? null : workload.service();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class BlockingClientConfiguration {

		@Bean
		MeshClientHttpRequestInterceptor meshClientHttpRequestInterceptor(MeshHosts hosts, MeshOutbound outbound,
				MeshResilience resilience, MeshWorkload workload, ObjectProvider<MeshIdentity> identity,
				ObjectProvider<OutboundTls> tls) {
			return new MeshClientHttpRequestInterceptor(hosts, outbound, resilience, caller(workload, identity),
					tls.getIfAvailable());
		}

		@Bean
		RestClientCustomizer meshRestClientCustomizer(MeshClientHttpRequestInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer meshRestTemplateCustomizer(MeshClientHttpRequestInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class ReactiveClientConfiguration {

		@Bean
		WebClientCustomizer meshWebClientCustomizer(MeshHosts hosts, MeshOutbound outbound, MeshResilience resilience,
				MeshWorkload workload, ObjectProvider<MeshIdentity> identity, ObjectProvider<OutboundTls> tls) {
			MeshExchangeFilterFunction filter = new MeshExchangeFilterFunction(hosts, outbound, resilience,
					caller(workload, identity), tls.getIfAvailable());
			return (builder) -> builder.filter(filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class ErrorHandlingConfiguration {

		@Bean
		NoInstancesExceptionHandler meshNoInstancesExceptionHandler() {
			return new NoInstancesExceptionHandler();
		}

	}

}
