package dev.mesh.authz;

import java.io.Serial;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A Spring Security {@link org.springframework.security.core.Authentication} of a mesh
 * caller, authenticated by the TLS handshake with its workload certificate. The principal
 * is the caller's {@link MeshPrincipal}; the credentials are its certificate; the
 * authorities are {@value #MESH_PEER} and {@code SPIFFE_ID_<spiffe-id>}, such as
 * {@code SPIFFE_ID_spiffe://cluster.local/ns/shop/sa/storefront}.
 */
public final class SpiffeAuthentication extends AbstractAuthenticationToken {

	/**
	 * Authority of every mesh caller.
	 */
	public static final String MESH_PEER = "MESH_PEER";

	/**
	 * Prefix of the authority naming the caller's SPIFFE ID.
	 */
	public static final String SPIFFE_ID_PREFIX = "SPIFFE_ID_";

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient MeshPrincipal principal;

	private final transient X509Certificate certificate;

	/**
	 * Create an authentication of a caller whose certificate the TLS handshake verified.
	 * @param principal the caller
	 * @param certificate its certificate
	 */
	public SpiffeAuthentication(MeshPrincipal principal, X509Certificate certificate) {
		super(List.of(new SimpleGrantedAuthority(MESH_PEER),
				new SimpleGrantedAuthority(SPIFFE_ID_PREFIX + principal.getName())));
		this.principal = principal;
		this.certificate = certificate;
		setAuthenticated(true);
	}

	@Override
	public MeshPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public X509Certificate getCredentials() {
		return this.certificate;
	}

}
