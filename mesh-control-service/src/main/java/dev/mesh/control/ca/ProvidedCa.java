package dev.mesh.control.ca;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.pem.PemContent;

import dev.mesh.policy.identity.WorkloadCertificates;

/**
 * A user-provided root or intermediate CA: its certificate, private key and chain from
 * PEM files, checked before use. Every problem fails the start with a message naming the
 * property to fix.
 */
final class ProvidedCa {

	static final String CERTIFICATE = "mesh.ca.certificate";

	static final String PRIVATE_KEY = "mesh.ca.private-key";

	static final String CHAIN = "mesh.ca.chain";

	private ProvidedCa() {
	}

	/**
	 * Load and check a user-provided CA.
	 * @param certificateFile PEM file of the CA certificate, optionally followed by its
	 * chain
	 * @param keyFile PEM file of its private key
	 * @param password password of an encrypted private key, or {@code null}
	 * @param chainFile PEM file of the certificates above it up to the root, or
	 * {@code null}
	 * @param now the current time
	 * @return the credentials
	 * @throws IllegalStateException if anything is wrong, naming the property
	 */
	static CaCredentials load(Path certificateFile, Path keyFile, @Nullable String password, @Nullable Path chainFile,
			Instant now) {
		List<X509Certificate> certificates = certificates(certificateFile, CERTIFICATE);
		X509Certificate certificate = certificates.get(0);
		List<X509Certificate> chain = new ArrayList<>(certificates.subList(1, certificates.size()));
		if (chainFile != null) {
			chain.addAll(certificates(chainFile, CHAIN));
		}
		PrivateKey key = privateKey(keyFile, password);
		if (!WorkloadCertificates.isCertificateAuthority(certificate)) {
			throw invalid(CERTIFICATE, describe(certificate)
					+ " is not a CA certificate: it needs basic constraints CA:true and key usage keyCertSign");
		}
		if (!"EC".equals(key.getAlgorithm()) && !"RSA".equals(key.getAlgorithm())) {
			throw invalid(PRIVATE_KEY, "must be an EC or RSA key, not " + key.getAlgorithm());
		}
		if (!CaCredentials.matches(key, certificate)) {
			throw invalid(PRIVATE_KEY, "does not belong to the certificate in " + CERTIFICATE);
		}
		checkValidity(certificate, CERTIFICATE, now);
		checkChain(certificate, chain, now);
		return new CaCredentials(key, certificate, chain, "user-provided CA " + describe(certificate) + " from "
				+ certificateFile + (chain.isEmpty() ? "" : " with a chain of " + chain.size()));
	}

	private static void checkChain(X509Certificate certificate, List<X509Certificate> chain, Instant now) {
		X509Certificate child = certificate;
		for (X509Certificate parent : chain) {
			if (!issued(parent, child)) {
				throw invalid(CHAIN, describe(child) + " is not issued by " + describe(parent)
						+ ": list the certificates from the CA certificate's issuer up to the root, in order");
			}
			if (!WorkloadCertificates.isCertificateAuthority(parent)) {
				throw invalid(CHAIN, describe(parent) + " is not a CA certificate");
			}
			checkValidity(parent, CHAIN, now);
			child = parent;
		}
		if (!issued(child, child)) {
			throw invalid(CHAIN,
					(chain.isEmpty() ? "is required: the certificate in " + CERTIFICATE + " is an intermediate"
							: "must end with the self-signed root, but its last certificate is " + describe(child))
							+ " issued by " + child.getIssuerX500Principal().getName()
							+ "; give the certificates above it up to and including the root");
		}
		validate(certificate, chain, child, now);
	}

	private static void validate(X509Certificate certificate, List<X509Certificate> chain, X509Certificate root,
			Instant now) {
		List<X509Certificate> path = new ArrayList<>();
		path.add(certificate);
		path.addAll(chain);
		path.remove(path.size() - 1);
		if (path.isEmpty()) {
			return;
		}
		try {
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(Date.from(now));
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
		}
		catch (GeneralSecurityException ex) {
			throw invalid(CHAIN, "does not validate up to its root: " + ex.getMessage());
		}
	}

	private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
		if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static void checkValidity(X509Certificate certificate, String property, Instant now) {
		if (certificate.getNotAfter().toInstant().isBefore(now)) {
			throw invalid(property, describe(certificate) + " expired at " + certificate.getNotAfter().toInstant());
		}
		if (certificate.getNotBefore().toInstant().isAfter(now)) {
			throw invalid(property,
					describe(certificate) + " is not valid before " + certificate.getNotBefore().toInstant());
		}
	}

	private static List<X509Certificate> certificates(Path file, String property) {
		try {
			return PemContent.load(file).getCertificates();
		}
		catch (IOException | IllegalStateException ex) {
			throw invalid(property, "cannot read certificates from " + file + ": " + ex.getMessage());
		}
	}

	private static PrivateKey privateKey(Path file, @Nullable String password) {
		PrivateKey key;
		try {
			key = PemContent.load(file).getPrivateKey(password);
		}
		catch (IOException | IllegalStateException ex) {
			throw invalid(PRIVATE_KEY, "cannot read a private key from " + file + ": " + ex.getMessage());
		}
		if (key == null) {
			throw invalid(PRIVATE_KEY, "there is no private key in " + file);
		}
		return key;
	}

	private static String describe(X509Certificate certificate) {
		return "'" + certificate.getSubjectX500Principal().getName() + "'";
	}

	private static IllegalStateException invalid(String property, String message) {
		return new IllegalStateException("Invalid " + property + ": " + message);
	}

}
