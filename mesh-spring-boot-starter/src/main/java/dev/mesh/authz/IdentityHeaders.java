package dev.mesh.authz;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request headers through which callers, proxies or load balancers claim a client
 * identity. The mesh takes identity from the TLS session only, so these are removed
 * before the application sees the request: whatever a caller puts there is never mistaken
 * for an authenticated identity.
 */
final class IdentityHeaders {

	/**
	 * Headers always removed (lower case).
	 */
	static final List<String> ALWAYS = List.of(
			// Envoy and Istio
			"x-forwarded-client-cert",
			// SPIFFE-aware proxies
			"x-spiffe-id",
			// RFC 9440
			"client-cert", "client-cert-chain",
			// common proxy conventions (nginx, HAProxy, Traefik, Azure, AWS)
			"x-client-cert", "x-client-verify", "x-client-dn", "x-ssl-client-cert", "x-ssl-client-verify",
			"x-ssl-client-dn", "x-ssl-client-s-dn", "x-ssl-cert", "x-forwarded-tls-client-cert",
			"x-forwarded-tls-client-cert-info", "x-arr-clientcert", "x-amzn-mtls-clientcert",
			"x-amzn-mtls-clientcert-leaf");

	private IdentityHeaders() {
	}

	/**
	 * Return the names of the headers to remove.
	 * @param extra further names from configuration
	 * @param caller the mesh's unauthenticated caller header ({@code x-mesh-caller}) when
	 * it is not in use and goes too, {@code null} to keep it
	 * @return lower-case names
	 */
	static Set<String> stripped(List<String> extra, String caller) {
		Set<String> names = new TreeSet<>(ALWAYS);
		extra.forEach((name) -> names.add(name.toLowerCase(Locale.ROOT)));
		if (caller != null) {
			names.add(caller.toLowerCase(Locale.ROOT));
		}
		return Set.copyOf(names);
	}

}
