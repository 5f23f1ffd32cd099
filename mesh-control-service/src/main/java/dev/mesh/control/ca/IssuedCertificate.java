package dev.mesh.control.ca;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;

/**
 * A certificate the authority issued, with the certificates a peer needs to validate it.
 *
 * @param spiffeId the identity in the certificate
 * @param certificate the certificate
 * @param intermediates the CA certificates between it and the root
 * @param root the root
 */
record IssuedCertificate(SpiffeId spiffeId, X509Certificate certificate, List<X509Certificate> intermediates,
		X509Certificate root) {

	/**
	 * Return the certificate followed by the intermediates: what a TLS peer sends.
	 * @return the chain
	 */
	List<X509Certificate> chain() {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(this.certificate);
		chain.addAll(this.intermediates);
		return chain;
	}

	CertificateResponse toResponse() {
		return new CertificateResponse(this.spiffeId.toString(), this.certificate.getSerialNumber().toString(16),
				this.certificate.getNotBefore().toInstant(), this.certificate.getNotAfter().toInstant(),
				Pem.encodeCertificates(chain()), Pem.encodeCertificates(List.of(this.root)));
	}

}
