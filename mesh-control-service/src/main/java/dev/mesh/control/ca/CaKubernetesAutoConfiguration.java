package dev.mesh.control.ca;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Kubernetes service-account tokens as workload credentials
 * ({@code mesh.ca.kubernetes.enabled}): a fabric8 client (in-cluster configuration or
 * kubeconfig, unless the application defines one) and the TokenReview authenticator.
 */
@AutoConfiguration(after = CaAutoConfiguration.class)
@ConditionalOnClass(KubernetesClient.class)
@ConditionalOnBean(CertificateAuthority.class)
@ConditionalOnBooleanProperty("mesh.ca.kubernetes.enabled")
public final class CaKubernetesAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	KubernetesClient kubernetesClient() {
		return new KubernetesClientBuilder().build();
	}

	@Bean
	TokenReviewAuthenticator tokenReviewAuthenticator(KubernetesClient client, CaProperties properties) {
		return new TokenReviewAuthenticator(client, properties.getKubernetes().getAudiences(),
				properties.getTrustDomain());
	}

}
