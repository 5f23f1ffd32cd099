package dev.mesh.discovery;

import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;

import dev.mesh.core.Backoff;
import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshInstanceId;
import dev.mesh.core.MeshProperties;
import dev.mesh.core.MeshWorkload;
import dev.mesh.identity.ControlPlaneTls;
import dev.mesh.identity.MeshIdentity;

/**
 * Auto-configuration of discovery: the {@link MeshEndpoints} view merged from the
 * discovery sources (static entries always, the control service's registry when
 * {@code mesh.control.enabled}, Kubernetes from
 * {@link MeshKubernetesDiscoveryAutoConfiguration}), the discovery clients answering from
 * it, and this workload's registration with the control service. Active when at least one
 * source is configured.
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class)
@Conditional(OnDiscoverySourceCondition.class)
@EnableConfigurationProperties(MeshDiscoveryProperties.class)
public final class MeshDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MeshEndpoints.class)
	MergedMeshEndpoints meshEndpoints(ObjectProvider<MeshDiscoverySource> sources, Environment environment) {
		if (environment.getProperty("mesh.discovery.kubernetes.enabled", Boolean.class, false)
				&& !ClassUtils.isPresent("dev.mesh.kubernetes.EndpointSliceWatcher", getClass().getClassLoader())) {
			LogFactory.getLog(MeshDiscoveryAutoConfiguration.class)
				.warn("mesh.discovery.kubernetes.enabled is true but dev.mesh:mesh-kubernetes is not on the "
						+ "classpath: Kubernetes discovery is off");
		}
		return new MergedMeshEndpoints(sources.orderedStream().toList());
	}

	@Bean
	StaticDiscoverySource meshStaticDiscoverySource(Environment environment) {
		return new StaticDiscoverySource(environment);
	}

	@Bean
	MeshDiscoveryClient meshDiscoveryClient(MeshEndpoints endpoints, MeshDiscoveryProperties properties) {
		return new MeshDiscoveryClient(endpoints, properties.getOrder());
	}

	static Backoff backoff(MeshProperties properties) {
		return new Backoff(properties.getControl().getInitialBackoff(), properties.getControl().getMaxBackoff());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flux.class)
	static class ReactiveDiscoveryConfiguration {

		@Bean
		ReactiveDiscoveryClient meshReactiveDiscoveryClient(MeshEndpoints endpoints,
				MeshDiscoveryProperties properties) {
			return new MeshReactiveDiscoveryClient(endpoints, properties.getOrder());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mesh.control.enabled", matchIfMissing = true)
	static class ControlServiceConfiguration {

		@Bean
		ControlPlaneClient meshControlPlaneClient(MeshProperties properties, ObjectProvider<ControlPlaneTls> tls,
				ObjectProvider<MeshIdentity> identity) {
			ControlPlaneTls secured = tls.getIfAvailable();
			if (secured == null) {
				return new ControlPlaneClient(properties.getControl());
			}
			// The workload certificate is obtained when the identity is created: from
			// then
			// on every call presents it
			identity.getIfAvailable();
			return new ControlPlaneClient(properties.getControl(), secured::client);
		}

		@Bean
		RegistryWatcher meshRegistryDiscoverySource(ControlPlaneClient client, MeshProperties properties,
				MeshDiscoveryProperties discovery) {
			return new RegistryWatcher(client, backoff(properties), discovery.getWatchIdleTimeout(),
					discovery.getInitialSyncTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(WebServerInitializedEvent.class)
	@ConditionalOnBooleanProperty(name = "mesh.control.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "mesh.discovery.register", matchIfMissing = true)
	static class RegistrationConfiguration {

		@Bean
		InstanceRegistrar meshInstanceRegistrar(ControlPlaneClient client, MeshWorkload workload,
				MeshInstanceId instanceId, MeshProperties properties, MeshDiscoveryProperties discovery,
				Environment environment, ObjectProvider<InetUtils> inetUtils, InboundRequests inboundRequests,
				ObjectProvider<MeshRegistrationMetadata> metadata) {
			return new InstanceRegistrar(client, workload, instanceId.value(),
					address(properties, environment, inetUtils), backoff(properties), discovery.getDrainDelay(),
					discovery.getDrainTimeout(), inboundRequests, metadata.orderedStream().toList());
		}

		@Bean
		InboundRequests meshInboundRequests() {
			return new InboundRequests();
		}

		@Bean
		RegistrationTrigger meshRegistrationTrigger(InstanceRegistrar registrar) {
			return new RegistrationTrigger(registrar);
		}

		private static String address(MeshProperties properties, Environment environment,
				ObjectProvider<InetUtils> inetUtils) {
			if (StringUtils.hasText(properties.getAddress())) {
				return properties.getAddress();
			}
			String serverAddress = environment.getProperty("server.address");
			if (StringUtils.hasText(serverAddress) && !isWildcard(serverAddress)) {
				return serverAddress;
			}
			InetUtils utils = inetUtils.getIfAvailable();
			return (utils != null) ? utils.findFirstNonLoopbackHostInfo().getIpAddress() : "127.0.0.1";
		}

		private static boolean isWildcard(String address) {
			return "0.0.0.0".equals(address) || "::".equals(address) || "0:0:0:0:0:0:0:0".equals(address);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(name = "jakarta.servlet.Filter")
		static class ServletInboundRequestsConfiguration {

			@Bean
			InboundRequestsFilter meshInboundRequestsFilter(InboundRequests inboundRequests) {
				return new InboundRequestsFilter(inboundRequests);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class ReactiveInboundRequestsConfiguration {

			@Bean
			InboundRequestsWebFilter meshInboundRequestsWebFilter(InboundRequests inboundRequests) {
				return new InboundRequestsWebFilter(inboundRequests);
			}

			@Bean
			InboundRequestsStep meshInboundRequestsStep(InboundRequests inboundRequests) {
				return new InboundRequestsStep(inboundRequests);
			}

		}

	}

}
