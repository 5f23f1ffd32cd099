package dev.mesh.control.registry;

import java.time.Clock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.control.workload.PeerCertificateVerifier;
import dev.mesh.control.workload.WorkloadAuthentication;
import dev.mesh.control.workload.WorkloadToken;
import dev.mesh.kubernetes.EndpointSliceWatcher;
import dev.mesh.policy.registry.RegistryApi;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Auto-configuration of the instance registry: the registry and its eviction, the
 * registry HTTP API, the watch stream and their metrics, the authentication of workload
 * callers ({@code mesh.registry.require-identity}), and, with
 * {@code mesh.registry.kubernetes.enabled}, the feed of Kubernetes EndpointSlices into
 * the registry.
 */
@AutoConfiguration
@EnableConfigurationProperties(RegistryProperties.class)
public final class RegistryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	InstanceRegistry instanceRegistry(RegistryProperties properties, Clock clock) {
		return new InstanceRegistry(clock, properties.getTtl());
	}

	@Bean
	RegistryEvictor registryEvictor(InstanceRegistry registry, RegistryProperties properties) {
		return new RegistryEvictor(registry, properties.getEvictionInterval());
	}

	@Bean
	WatchStreams watchStreams(InstanceRegistry registry, RegistryProperties properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new WatchStreams(registry, jsonMapper.getIfAvailable(JsonMapper::shared),
				properties.getKeepaliveInterval());
	}

	@Bean
	RegistryMetrics registryMetrics(InstanceRegistry registry, WatchStreams watchStreams) {
		return new RegistryMetrics(registry, watchStreams);
	}

	/**
	 * Authentication of the workload endpoints of the registry and of policy delivery:
	 * the client certificate (checked by the certificate authority's verifier, present
	 * when the control service serves TLS), else, unless identity is required, the
	 * workload token.
	 */
	@Bean
	@ConditionalOnMissingBean
	WorkloadAuthentication workloadAuthentication(RegistryProperties properties,
			ObjectProvider<PeerCertificateVerifier> verifier, ObjectProvider<WorkloadToken> token,
			ObjectProvider<MeterRegistry> meters) {
		PeerCertificateVerifier peers = verifier.getIfAvailable();
		Boolean configured = properties.getRequireIdentity();
		boolean requireIdentity = (configured != null) ? configured : peers != null;
		LogFactory.getLog(RegistryAutoConfiguration.class)
			.info(requireIdentity ? "Workload endpoints require a workload certificate"
					: "Workload endpoints accept a workload certificate or the workload token "
							+ "(mesh.registry.require-identity=false)");
		return new WorkloadAuthentication(peers, token.getIfAvailable(), requireIdentity, meters.getIfAvailable());
	}

	@Bean
	RouterFunction<ServerResponse> registryRoutes(InstanceRegistry registry, WatchStreams watchStreams,
			ObjectProvider<JsonMapper> jsonMapper, WorkloadAuthentication authentication) {
		RegistrationReader reader = new RegistrationReader(jsonMapper.getIfAvailable(JsonMapper::shared));
		RegistryHandler handler = new RegistryHandler(registry, reader, watchStreams);
		return route().POST(RegistryApi.INSTANCES, handler::register)
			.PUT(RegistryApi.HEARTBEAT, handler::heartbeat)
			.DELETE(RegistryApi.INSTANCE, handler::deregister)
			.GET(RegistryApi.WATCH, handler::watch)
			.filter(authentication)
			.build()
			.and(route().GET(RegistryApi.SERVICES, handler::services)
				.GET(RegistryApi.SERVICE, handler::service)
				.build());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ KubernetesClient.class, EndpointSliceWatcher.class })
	@ConditionalOnBooleanProperty("mesh.registry.kubernetes.enabled")
	static class KubernetesFeedConfiguration {

		@Bean
		KubernetesRegistryFeed kubernetesRegistryFeed(InstanceRegistry registry, RegistryProperties properties,
				ObjectProvider<KubernetesClient> contextClient) {
			return new KubernetesRegistryFeed(registry, EndpointSliceWatcher.create(contextClient.getIfAvailable(),
					properties.getKubernetes().toSettings()));
		}

	}

}
