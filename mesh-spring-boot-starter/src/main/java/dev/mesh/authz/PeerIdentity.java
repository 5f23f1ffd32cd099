package dev.mesh.authz;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;

/**
 * Who the caller of one request is, from its TLS session only: an authenticated mesh
 * workload, nobody (no client certificate), or a certificate that is not a valid identity
 * of this mesh.
 *
 * @param principal the caller, {@code null} unless authenticated
 * @param certificate the caller's certificate, {@code null} when it presented none
 * @param rejection why the certificate is not a valid identity, {@code null} when it is
 * or when there is none
 */
record PeerIdentity(MeshPrincipal principal, X509Certificate certificate, String rejection) {

	/**
	 * Name of the request (or exchange) attribute holding the {@code PeerIdentity}.
	 */
	static final String ATTRIBUTE = PeerIdentity.class.getName();

	static final PeerIdentity NONE = new PeerIdentity(null, null, null);

	/**
	 * Identify the caller from the certificate chain of the TLS session, as the server
	 * verified it. The leaf must carry exactly one URI SAN, a SPIFFE ID of the trust
	 * domain, be {@code CA:false} and allow client authentication.
	 * @param chain the peer's certificates, leaf first, {@code null} or empty when none
	 * @param trustDomain the mesh's trust domain
	 * @return the identity
	 */
	static PeerIdentity of(X509Certificate[] chain, String trustDomain) {
		if (chain == null || chain.length == 0 || chain[0] == null) {
			return NONE;
		}
		X509Certificate leaf = chain[0];
		try {
			SpiffeId id = WorkloadCertificates.checkLeaf(leaf, trustDomain, WorkloadCertificates.Role.CLIENT);
			return new PeerIdentity(new MeshPrincipal(id), leaf, null);
		}
		catch (CertificateException | RuntimeException ex) {
			String reason = ex.getMessage();
			return new PeerIdentity(null, leaf, (reason != null) ? reason : ex.getClass().getSimpleName());
		}
	}

	/**
	 * Whether the caller presented a certificate that is not a valid identity.
	 * @return whether it was rejected
	 */
	boolean rejected() {
		return this.rejection != null;
	}

	String describe() {
		if (this.principal != null) {
			return this.principal.getName();
		}
		return rejected() ? "a rejected certificate" : "an unauthenticated caller";
	}

}
