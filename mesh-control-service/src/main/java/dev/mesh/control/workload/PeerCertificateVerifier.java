package dev.mesh.control.workload;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mesh.policy.identity.SpiffeId;

/**
 * Checks the certificate chain a client presented in the TLS handshake as a workload
 * certificate of the mesh, and names the identity it proves.
 */
@FunctionalInterface
public interface PeerCertificateVerifier {

	/**
	 * Verify a client's certificate chain now.
	 * @param chain the client's certificate first, then the certificates that issued it
	 * @return the SPIFFE ID the certificate proves
	 * @throws CertificateException if it is not a valid workload certificate of this
	 * mesh, with the reason
	 */
	SpiffeId verify(List<X509Certificate> chain) throws CertificateException;

}
