package dev.mesh.control.ca;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.core.Ordered;

/**
 * Serves the control service's API over TLS with the {@value ServingCertificate#BUNDLE}
 * bundle and asks clients for a certificate from the same authority: wanted, not needed,
 * so that a workload without a certificate yet can still ask for its first one with its
 * join token (the workload endpoints then refuse it, see
 * {@code dev.mesh.control.workload.WorkloadAuthentication}); a certificate presented that
 * does not chain to the root fails the handshake. Runs after Spring Boot's own
 * customizer, so it replaces any {@code server.ssl} settings of the main server; the
 * management server is not affected.
 */
final class ServingTlsCustomizer implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory>, Ordered {

	private final SslBundles bundles;

	ServingTlsCustomizer(SslBundles bundles) {
		this.bundles = bundles;
	}

	@Override
	public void customize(ConfigurableReactiveWebServerFactory factory) {
		factory.setSslBundles(this.bundles);
		Ssl ssl = Ssl.forBundle(ServingCertificate.BUNDLE);
		ssl.setClientAuth(Ssl.ClientAuth.WANT);
		factory.setSsl(ssl);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
