package dev.mesh.mtls;

import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.policy.spec.MtlsMode;

/**
 * The mesh serves TLS on the main port itself when its mode is STRICT or PERMISSIVE:
 * Spring Boot's {@code server.ssl} with the bundle {@code mesh} is taken over (the mesh's
 * own managers check client certificates with the mesh's rules, and Boot's reload on a
 * renewal would replace them), any other {@code server.ssl} is refused.
 */
final class MeshServerSsl {

	private MeshServerSsl() {
	}

	static void takeOver(AbstractConfigurableWebServerFactory factory, MtlsMode mode) {
		Ssl ssl = factory.getSsl();
		if (!Ssl.isEnabled(ssl)) {
			return;
		}
		if (MeshIdentity.SSL_BUNDLE.equals(ssl.getBundle())) {
			factory.setSsl(null);
			LogFactory.getLog(MeshServerSsl.class)
				.info("The mesh serves mTLS (" + mode + ") on the main port with the workload certificate; "
						+ "'server.ssl.bundle=mesh' is not needed");
			return;
		}
		throw new IllegalStateException("'server.ssl' is configured while the server's mTLS mode is " + mode
				+ ": the mesh serves TLS on the main port with the workload certificate itself. Remove the "
				+ "'server.ssl' settings, or set 'mesh.inbound.mtls.mode=DISABLED' to serve your own TLS");
	}

}
