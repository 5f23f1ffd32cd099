package dev.mesh.identity;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshProperties;
import dev.mesh.core.MeshWorkload;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.spec.SecurityPolicy;

/**
 * Auto-configuration of the workload identity: {@code mesh.identity.enabled=true} obtains
 * a certificate at startup (startup fails when no valid certificate can be obtained),
 * installs it as the SSL bundle {@value MeshIdentity#SSL_BUNDLE} and renews it.
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class, before = SslAutoConfiguration.class)
@ConditionalOnBooleanProperty("mesh.identity.enabled")
@EnableConfigurationProperties(MeshIdentityProperties.class)
public final class MeshIdentityAutoConfiguration {

	/**
	 * Trust domain when neither the identity nor the mesh's policy names one.
	 */
	static final String DEFAULT_TRUST_DOMAIN = "cluster.local";

	@Bean
	ControlPlaneTls meshControlPlaneTls(MeshIdentityProperties properties, MeshProperties mesh) {
		return new ControlPlaneTls(mesh.getControl(), properties.getTrustBundle(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	MeshIdentity meshIdentity(MeshIdentityProperties properties, MeshProperties mesh, MeshWorkload workload,
			ControlPlaneTls tls, MeshPolicyState policy) {
		String serviceAccount = (properties.getServiceAccount() != null) ? properties.getServiceAccount()
				: workload.service();
		SpiffeId id = requested(properties, trustDomain(properties, policy), serviceAccount);
		MeshIdentity identity = new MeshIdentity(id, properties, new CertificateAuthorityClient(mesh.getControl(), tls),
				Clock.systemUTC());
		// Every later call to the control service presents the newest certificate
		identity.addListener((credential) -> tls.present(identity.sslBundle(), credential));
		try {
			identity.renew();
		}
		catch (MeshIdentity.IdentityException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		return identity;
	}

	@Bean
	IdentityRenewal meshIdentityRenewal(MeshIdentity identity, MeshIdentityProperties properties) {
		return new IdentityRenewal(identity, properties);
	}

	@Bean
	SslBundleRegistrar meshIdentitySslBundleRegistrar(MeshIdentity identity) {
		return (registry) -> {
			registry.registerBundle(MeshIdentity.SSL_BUNDLE, identity.sslBundle());
			identity.addListener((credential) -> registry.updateBundle(MeshIdentity.SSL_BUNDLE, identity.sslBundle()));
		};
	}

	/**
	 * Return the trust domain: {@code mesh.identity.trust-domain}, else the mesh's
	 * {@code mesh.security.trust-domain} as the application sees it at startup (its own
	 * configuration or the cached policy), else {@value #DEFAULT_TRUST_DOMAIN}.
	 */
	static String trustDomain(MeshIdentityProperties properties, MeshPolicyState policy) {
		if (properties.getTrustDomain() != null) {
			return properties.getTrustDomain();
		}
		SecurityPolicy security = policy.current().policy().getSecurity();
		return (security != null && security.getTrustDomain() != null) ? security.getTrustDomain()
				: DEFAULT_TRUST_DOMAIN;
	}

	private static SpiffeId requested(MeshIdentityProperties properties, String trustDomain, String serviceAccount) {
		if (!SpiffeId.isTrustDomain(trustDomain)) {
			String property = (properties.getTrustDomain() != null) ? "mesh.identity.trust-domain"
					: "mesh.security.trust-domain";
			throw new IllegalStateException("'" + property + "' " + SpiffeId.trustDomainRule());
		}
		if (!SpiffeId.isNamespace(properties.getNamespace())) {
			throw new IllegalStateException("'mesh.identity.namespace' " + SpiffeId.namespaceRule());
		}
		if (!SpiffeId.isServiceAccount(serviceAccount)) {
			throw new IllegalStateException("'mesh.identity.service-account' (default: the service name) "
					+ SpiffeId.serviceAccountRule() + ", got '" + serviceAccount + "'");
		}
		return new SpiffeId(trustDomain, properties.getNamespace(), serviceAccount);
	}

	static double expiry(MeshIdentity identity) {
		MeshIdentity.Credential current = identity.current();
		if (current == null) {
			return Double.NaN;
		}
		return (current.notAfter().toEpochMilli() - identity.clock().millis()) / 1000.0;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class IdentityMetricsConfiguration {

		@Bean
		MeterBinder meshIdentityMetrics(MeshIdentity identity) {
			return (registry) -> Gauge
				.builder("mesh.identity.expiry.seconds", identity, MeshIdentityAutoConfiguration::expiry)
				.description("Seconds until the workload certificate expires, negative once it has")
				.baseUnit("seconds")
				.register(registry);
		}

	}

}
