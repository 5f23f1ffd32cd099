package dev.mesh.control.ca;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the control service's own TLS ({@code mesh.ca.serve-tls}, on by
 * default): a serving certificate from the authority, installed as an SSL bundle the web
 * server uses and renewed at half-life, client certificates asked for, and the verifier
 * that makes a valid one the caller's identity on the workload endpoints.
 */
@AutoConfiguration(after = CaAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean(CertificateAuthority.class)
@ConditionalOnBooleanProperty(name = "mesh.ca.serve-tls", matchIfMissing = true)
public final class CaServingTlsAutoConfiguration {

	@Bean
	ServingCertificate servingCertificate(CertificateAuthority authority, CaProperties properties, Clock clock,
			CaMetrics metrics) {
		return new ServingCertificate(authority, properties.getServerNames(), clock, metrics);
	}

	@Bean
	WorkloadCertificateVerifier workloadCertificateVerifier(CertificateAuthority authority, Clock clock) {
		return new WorkloadCertificateVerifier(authority, clock);
	}

	@Bean
	ServingTlsCustomizer servingTlsCustomizer(SslBundles bundles) {
		return new ServingTlsCustomizer(bundles);
	}

}
