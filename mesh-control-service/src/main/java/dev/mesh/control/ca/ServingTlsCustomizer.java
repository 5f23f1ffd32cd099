package dev.mesh.control.ca;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.core.Ordered;

/**
 * Serves the control service's API over TLS with the {@value ServingCertificate#BUNDLE}
 * bundle. Runs after Spring Boot's own customizer, so it replaces any {@code server.ssl}
 * settings of the main server; the management server is not affected.
 */
final class ServingTlsCustomizer implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory>, Ordered {

	private final SslBundles bundles;

	ServingTlsCustomizer(SslBundles bundles) {
		this.bundles = bundles;
	}

	@Override
	public void customize(ConfigurableReactiveWebServerFactory factory) {
		factory.setSslBundles(this.bundles);
		factory.setSsl(Ssl.forBundle(ServingCertificate.BUNDLE));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
