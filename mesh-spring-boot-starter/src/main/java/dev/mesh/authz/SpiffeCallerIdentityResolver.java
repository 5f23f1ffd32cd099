package dev.mesh.authz;

import dev.mesh.resilience.CallerIdentityResolver;
import dev.mesh.resilience.InboundRequest;

/**
 * Names the caller by the service account of the SPIFFE ID it authenticated with over
 * mutual TLS (usually its service name), so per-caller rate limits cannot be claimed by
 * another caller. A caller without a valid mesh certificate is unknown.
 */
final class SpiffeCallerIdentityResolver implements CallerIdentityResolver {

	@Override
	public String resolve(InboundRequest request) {
		Object peer = request.attribute(PeerIdentity.ATTRIBUTE);
		if (peer instanceof PeerIdentity identity && identity.principal() != null) {
			return identity.principal().serviceAccount();
		}
		return null;
	}

}
