package dev.mesh.resilience;

import dev.mesh.policy.registry.Names;

/**
 * Caller identity without workload identity: the service name that the mesh client of the
 * caller puts in the {@value #HEADER} header. <strong>It is not authenticated</strong>:
 * any client can send any name, so per-caller rate limits keyed by it are only as strong
 * as the network's trust. It is used only when {@code mesh.identity.enabled} is off; with
 * it, the peer certificate's SPIFFE ID names the caller, mesh clients stop sending the
 * header and the server removes it. A value that is not a service name counts as an
 * unknown caller.
 */
public final class HeaderCallerIdentityResolver implements CallerIdentityResolver {

	/**
	 * Header in which mesh clients name their own service.
	 */
	public static final String HEADER = "x-mesh-caller";

	@Override
	public String resolve(InboundRequest request) {
		String caller = request.header(HEADER);
		return (caller != null && Names.isServiceName(caller)) ? caller : null;
	}

}
