package dev.mesh.control.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.mesh.control.delivery.DeliveryAutoConfiguration;
import dev.mesh.control.policy.BearerAuthentication;
import dev.mesh.control.policy.Credential;
import dev.mesh.control.policy.PolicyAutoConfiguration;
import dev.mesh.control.policy.PolicyCatalog;
import dev.mesh.control.policy.PolicyProperties;
import dev.mesh.policy.identity.CertificateApi;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Auto-configuration of the certificate authority: its root (generated in the data
 * directory or user-provided), certificate signing, join tokens, Kubernetes TokenReview
 * when enabled, the trust bundle, metrics and, with {@code mesh.ca.serve-tls}, the
 * control service's own TLS.
 */
@AutoConfiguration(after = { PolicyAutoConfiguration.class, DeliveryAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mesh.ca.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CaProperties.class)
public final class CaAutoConfiguration {

	/**
	 * Directory of the authority's files inside the data directory.
	 */
	static final String DIRECTORY = "ca";

	@Bean
	CertificateAuthority certificateAuthority(CaProperties properties, PolicyProperties policy, Clock clock) {
		Path certificate = properties.getCertificate();
		Path privateKey = properties.getPrivateKey();
		CaCredentials credentials = (certificate != null && privateKey != null)
				? ProvidedCa.load(certificate, privateKey, properties.getPrivateKeyPassword(), properties.getChain(),
						clock.instant())
				: GeneratedRoot.loadOrCreate(files(policy), properties.getTrustDomain(), properties.getRootTtl(),
						clock.instant());
		return new CertificateAuthority(credentials, properties.getTrustDomain(), properties.getWorkloadTtl(), clock);
	}

	@Bean
	JoinTokenStore joinTokenStore(CaProperties properties, PolicyProperties policy, Clock clock) {
		return new JoinTokenStore(files(policy), properties.getTrustDomain(), clock);
	}

	@Bean
	CaMetrics caMetrics(CertificateAuthority authority) {
		return new CaMetrics(authority);
	}

	@Bean
	TrustDomainCheck trustDomainCheck(CaProperties properties, PolicyCatalog catalog) {
		TrustDomainCheck check = new TrustDomainCheck(properties.getTrustDomain());
		check.warnAbout(catalog.documents());
		return check;
	}

	@Bean
	RouterFunction<ServerResponse> certificateAuthorityRoutes(CertificateAuthority authority, JoinTokenStore joinTokens,
			ObjectProvider<WorkloadAuthenticator> authenticators, CaMetrics metrics, CaProperties properties,
			PolicyProperties policy) {
		CertificateHandler certificates = new CertificateHandler(authority, authenticators.orderedStream().toList(),
				metrics);
		JoinTokenHandler tokens = new JoinTokenHandler(joinTokens, properties.getTrustDomain());
		Credential admin = Credential.resolve(policy.getAdminToken(), "mesh.policy.admin-token",
				policy.getDataDirectory(), Credential.ADMIN_FILE);
		return route().POST(CertificateApi.CERTIFICATES, certificates::sign)
			.GET(CertificateApi.TRUST_BUNDLE, certificates::trustBundle)
			.build()
			.and(route().POST(CertificateApi.JOIN_TOKENS, tokens::mint)
				.GET(CertificateApi.JOIN_TOKENS, tokens::list)
				.DELETE(CertificateApi.JOIN_TOKEN, tokens::revoke)
				.filter(new BearerAuthentication(admin, "admin token"))
				.build());
	}

	private static SecureFiles files(PolicyProperties policy) {
		Path directory = policy.getDataDirectory().resolve(DIRECTORY);
		try {
			return new SecureFiles(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the certificate authority's directory " + directory, ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("mesh.ca.serve-tls")
	static class ServingTlsConfiguration {

		@Bean
		ServingCertificate servingCertificate(CertificateAuthority authority, CaProperties properties, Clock clock,
				CaMetrics metrics) {
			return new ServingCertificate(authority, properties.getServerNames(), clock, metrics);
		}

		@Bean
		ServingTlsCustomizer servingTlsCustomizer(SslBundles bundles) {
			return new ServingTlsCustomizer(bundles);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KubernetesClient.class)
	@ConditionalOnBooleanProperty("mesh.ca.kubernetes.enabled")
	static class KubernetesConfiguration {

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.fabric8.kubernetes.client.KubernetesClient")
	@ConditionalOnBooleanProperty("mesh.ca.kubernetes.enabled")
	static class MissingKubernetesClientConfiguration {

		MissingKubernetesClientConfiguration() {
			throw new IllegalStateException("mesh.ca.kubernetes.enabled is true, but io.fabric8:kubernetes-client "
					+ "is not on the class path: add it, or turn Kubernetes TokenReview off");
		}

	}

}
