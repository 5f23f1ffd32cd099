package dev.mesh.discovery;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;

import dev.mesh.core.Backoff;
import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshInstanceId;
import dev.mesh.core.MeshProperties;
import dev.mesh.core.MeshWorkload;

/**
 * Auto-configuration of registration and discovery through the control service.
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "mesh.control.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MeshDiscoveryProperties.class)
public final class MeshDiscoveryAutoConfiguration {

	@Bean
	ControlPlaneClient meshControlPlaneClient(MeshProperties properties) {
		return new ControlPlaneClient(properties.getControl());
	}

	@Bean
	@ConditionalOnMissingBean(MeshEndpoints.class)
	RegistryWatcher meshEndpoints(ControlPlaneClient client, MeshProperties properties,
			MeshDiscoveryProperties discovery) {
		return new RegistryWatcher(client, backoff(properties), discovery.getWatchIdleTimeout(),
				discovery.getInitialSyncTimeout());
	}

	@Bean
	MeshDiscoveryClient meshDiscoveryClient(MeshEndpoints endpoints) {
		return new MeshDiscoveryClient(endpoints);
	}

	static Backoff backoff(MeshProperties properties) {
		return new Backoff(properties.getControl().getInitialBackoff(), properties.getControl().getMaxBackoff());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flux.class)
	static class ReactiveDiscoveryConfiguration {

		@Bean
		ReactiveDiscoveryClient meshReactiveDiscoveryClient(MeshEndpoints endpoints) {
			return new MeshReactiveDiscoveryClient(endpoints);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(WebServerInitializedEvent.class)
	@ConditionalOnBooleanProperty(name = "mesh.discovery.register", matchIfMissing = true)
	static class RegistrationConfiguration {

		@Bean
		InstanceRegistrar meshInstanceRegistrar(ControlPlaneClient client, MeshWorkload workload,
				MeshInstanceId instanceId, MeshProperties properties, MeshDiscoveryProperties discovery,
				Environment environment, ObjectProvider<InetUtils> inetUtils) {
			return new InstanceRegistrar(client, workload, instanceId.value(),
					address(properties, environment, inetUtils), backoff(properties), discovery.getDrainDelay());
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

	}

}
