package dev.mesh.control.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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
 * when enabled (see {@link CaKubernetesAutoConfiguration}), the trust bundle and metrics.
 * The control service's own TLS is {@link CaServingTlsAutoConfiguration}.
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
		List<WorkloadAuthenticator> all = authenticators.orderedStream().toList();
		if (properties.getKubernetes().isEnabled()
				&& all.stream().noneMatch((authenticator) -> "kubernetes".equals(authenticator.credentialType()))) {
			throw new IllegalStateException("mesh.ca.kubernetes.enabled is true, but io.fabric8:kubernetes-client "
					+ "is not on the class path: add it, or turn Kubernetes TokenReview off");
		}
		CertificateHandler certificates = new CertificateHandler(authority, all, metrics);
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

}
