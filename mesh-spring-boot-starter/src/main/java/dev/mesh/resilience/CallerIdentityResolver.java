package dev.mesh.resilience;

/**
 * Names the caller of an inbound request, for per-caller rate limits. The mesh's own
 * implementation ({@link HeaderCallerIdentityResolver}) is provisional and trusts a
 * header; it is to be replaced by the SPIFFE ID of the peer certificate once mutual TLS
 * authenticates callers. Declare a bean of this type to replace it.
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
