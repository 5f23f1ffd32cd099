package dev.mesh.resilience;

/**
 * Names the caller of an inbound request, for per-caller rate limits. With
 * {@code mesh.identity.enabled} the mesh names it by the SPIFFE ID of its TLS client
 * certificate ({@code dev.mesh.authz}); without, by the unauthenticated header of
 * {@link HeaderCallerIdentityResolver}. Declare a bean of this type to replace them.
 */
@FunctionalInterface
public interface CallerIdentityResolver {

	/**
	 * Name the caller.
	 * @param request the inbound request
	 * @return the caller's identity, {@code null} when unknown
	 */
	String resolve(InboundRequest request);

}
