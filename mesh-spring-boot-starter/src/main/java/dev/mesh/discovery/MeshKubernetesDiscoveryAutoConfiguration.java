package dev.mesh.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.mesh.kubernetes.EndpointSliceWatcher;

/**
 * Auto-configuration of discovery from Kubernetes EndpointSlices, on when
 * {@code mesh.discovery.kubernetes.enabled} is true and {@code dev.mesh:mesh-kubernetes}
 * (with the fabric8 client) is on the classpath. Uses the {@link KubernetesClient} of the
 * application context, such as the one Spring Cloud Kubernetes configures, or builds its
 * own from the usual fabric8 sources (service account, kubeconfig).
 */
@AutoConfiguration(before = MeshDiscoveryAutoConfiguration.class,
		afterName = "org.springframework.cloud.kubernetes.fabric8.Fabric8AutoConfiguration")
@ConditionalOnClass({ KubernetesClient.class, EndpointSliceWatcher.class })
@ConditionalOnBooleanProperty("mesh.discovery.kubernetes.enabled")
@EnableConfigurationProperties({ KubernetesDiscoveryProperties.class, MeshDiscoveryProperties.class })
public final class MeshKubernetesDiscoveryAutoConfiguration {

	@Bean
	KubernetesDiscoverySource meshKubernetesDiscoverySource(ObjectProvider<KubernetesClient> contextClient,
			KubernetesDiscoveryProperties properties, MeshDiscoveryProperties discovery) {
		return new KubernetesDiscoverySource(
				EndpointSliceWatcher.create(contextClient.getIfAvailable(), properties.toSettings()),
				discovery.getInitialSyncTimeout());
	}

}
