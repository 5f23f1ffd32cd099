package dev.mesh.control.ca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the certificate authority signs with: its private key, its certificate and the
 * certificates above it up to the self-signed root.
 *
 * @param privateKey the signing key
 * @param certificate the CA certificate, a root or an intermediate
 * @param chain the certificates that issued {@code certificate}, in order, ending with
 * the root; empty when {@code certificate} is the root
 * @param source where the credentials come from, for logs
 */
record CaCredentials(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain, String source) {

	CaCredentials {
		chain = List.copyOf(chain);
	}

	/**
	 * Return the root certificate: the trust anchor of the mesh.
	 * @return the root
	 */
	X509Certificate root() {
		return this.chain.isEmpty() ? this.certificate : this.chain.get(this.chain.size() - 1);
	}

	/**
	 * Return the CA certificates workloads send after their own: every one but the root.
	 * @return the intermediates, the signing certificate first; empty when it is the root
	 */
	List<X509Certificate> intermediates() {
		List<X509Certificate> all = new ArrayList<>();
		all.add(this.certificate);
		all.addAll(this.chain);
		return List.copyOf(all.subList(0, all.size() - 1));
	}

	/**
	 * Return the end of validity of the whole chain: no certificate may be issued beyond
	 * it.
	 * @return the earliest not-after of the chain
	 */
	Instant notAfter() {
		List<X509Certificate> all = new ArrayList<>(this.chain);
		all.add(this.certificate);
		return all.stream()
			.map((certificate) -> certificate.getNotAfter().toInstant())
			.min(Comparator.naturalOrder())
			.orElseThrow();
	}

	/**
	 * Whether a private key belongs to a certificate: a signature made with the key
	 * verifies with the certificate's public key.
	 * @param key the private key
	 * @param certificate the certificate
	 * @return whether they match
	 */
	static boolean matches(PrivateKey key, X509Certificate certificate) {
		try {
			byte[] challenge = new byte[32];
			new SecureRandom().nextBytes(challenge);
			String algorithm = CertificateAuthority.signatureAlgorithm(key);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
