package dev.mesh.authz;

import java.security.Principal;

import org.springframework.util.Assert;

import dev.mesh.policy.identity.SpiffeId;

/**
 * A caller authenticated by the mesh: the SPIFFE ID of the TLS client certificate it
 * presented. It is the {@link java.security.Principal} of the request (and the principal
 * of its Spring Security {@link SpiffeAuthentication}), so
 * {@code @PreAuthorize("principal.serviceAccount == 'storefront'")} works; outside Spring
 * Security it is also the request attribute {@value #ATTRIBUTE}.
 *
 * @param spiffeId the caller's SPIFFE ID
 */
public record MeshPrincipal(SpiffeId spiffeId) implements Principal {

	/**
	 * Name of the request (or exchange) attribute holding the caller's
	 * {@code MeshPrincipal}, absent when the caller is not authenticated.
	 */
	public static final String ATTRIBUTE = MeshPrincipal.class.getName();

	public MeshPrincipal {
		Assert.notNull(spiffeId, "'spiffeId' must not be null");
	}

	/**
	 * Return the trust domain of the caller.
	 * @return the trust domain
	 */
	public String trustDomain() {
		return this.spiffeId.trustDomain();
	}

	/**
	 * Return the namespace of the caller.
	 * @return the namespace
	 */
	public String namespace() {
		return this.spiffeId.namespace();
	}

	/**
	 * Return the service account of the caller, usually its service name.
	 * @return the service account
	 */
	public String serviceAccount() {
		return this.spiffeId.serviceAccount();
	}

	/**
	 * Return the SPIFFE ID, such as {@code spiffe://cluster.local/ns/shop/sa/storefront}.
	 * @return the SPIFFE ID as text
	 */
	@Override
	public String getName() {
		return this.spiffeId.toString();
	}

	@Override
	public String toString() {
		return getName();
	}

}
