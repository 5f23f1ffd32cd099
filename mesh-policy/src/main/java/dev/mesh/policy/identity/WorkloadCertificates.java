package dev.mesh.policy.identity;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a workload certificate must pass, used by the certificate authority on what
 * it issues and by workloads on their peers: exactly one URI SAN, which is a SPIFFE ID of
 * the expected trust domain, {@code CA:false}, key usage {@code digitalSignature} without
 * certificate or CRL signing, and the extended key usage of its role, on a chain that
 * leads to a trusted root.
 */
public final class WorkloadCertificates {

	private static final int URI_NAME = 6;

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_CERT_SIGN = 5;

	private static final int CRL_SIGN = 6;

	private WorkloadCertificates() {
	}

	/**
	 * Return the SPIFFE ID of a certificate: its only URI SAN.
	 * @param certificate the certificate
	 * @return the SPIFFE ID
	 * @throws CertificateException if the certificate has no URI SAN, more than one, or
	 * one that is not a valid SPIFFE ID
	 */
	public static SpiffeId spiffeId(X509Certificate certificate) throws CertificateException {
		List<String> uris = uriNames(certificate);
		if (uris.size() != 1) {
			throw new CertificateException(
					"A workload certificate must have exactly one URI SAN, its SPIFFE ID; this one has " + uris.size());
		}
		try {
			return SpiffeId.parse(uris.get(0));
		}
		catch (InvalidSpiffeIdException ex) {
			throw new CertificateException(
					"The URI SAN of the certificate is not a valid SPIFFE ID: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Check a workload certificate on its own (not its chain).
	 * @param certificate the certificate
	 * @param trustDomain the trust domain it must belong to
	 * @param role the role it is presented in
	 * @return its SPIFFE ID
	 * @throws CertificateException if it is not a valid workload certificate, with the
	 * reason
	 */
	public static SpiffeId checkLeaf(X509Certificate certificate, String trustDomain, Role role)
			throws CertificateException {
		SpiffeId id = spiffeId(certificate);
		if (!id.isMemberOf(trustDomain)) {
			throw new CertificateException("The certificate of " + id + " belongs to trust domain " + id.trustDomain()
					+ ", not " + trustDomain);
		}
		if (certificate.getBasicConstraints() != -1) {
			throw new CertificateException("The certificate of " + id + " is a CA certificate (CA:true)");
		}
		boolean[] keyUsage = certificate.getKeyUsage();
		if (keyUsage == null || !flag(keyUsage, DIGITAL_SIGNATURE)) {
			throw new CertificateException("The key usage of the certificate of " + id + " lacks digitalSignature");
		}
		if (flag(keyUsage, KEY_CERT_SIGN) || flag(keyUsage, CRL_SIGN)) {
			throw new CertificateException(
					"The key usage of the certificate of " + id + " allows signing certificates or CRLs");
		}
		List<String> extendedKeyUsage = certificate.getExtendedKeyUsage();
		if (extendedKeyUsage == null || !extendedKeyUsage.contains(role.oid())) {
			throw new CertificateException("The extended key usage of the certificate of " + id + " lacks "
					+ role.usageName() + " (" + role.oid() + ")");
		}
		return id;
	}

	/**
	 * Check a workload certificate and its chain: the certificate on its own, then the
	 * chain up to one of the roots with the JDK's PKIX validator (without revocation
	 * checks) at the given time.
	 * @param chain the workload certificate first, then the certificates that issued it;
	 * a trailing root may be included
	 * @param roots the trusted root certificates
	 * @param trustDomain the trust domain the certificate must belong to
	 * @param role the role it is presented in
	 * @param at the time at which every certificate must be valid
	 * @return the SPIFFE ID of the workload certificate
	 * @throws CertificateException if the certificate or its chain is not valid, with the
	 * reason
	 */
	public static SpiffeId verify(List<X509Certificate> chain, Collection<X509Certificate> roots, String trustDomain,
			Role role, Instant at) throws CertificateException {
		if (chain.isEmpty()) {
			throw new CertificateException("The certificate chain is empty");
		}
		if (roots.isEmpty()) {
			throw new CertificateException("No trusted root certificate");
		}
		SpiffeId id = checkLeaf(chain.get(0), trustDomain, role);
		List<X509Certificate> path = new ArrayList<>(chain);
		if (path.size() > 1 && roots.contains(path.get(path.size() - 1))) {
			path.remove(path.size() - 1);
		}
		Set<TrustAnchor> anchors = new LinkedHashSet<>();
		roots.forEach((root) -> anchors.add(new TrustAnchor(root, null)));
		try {
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
			PKIXParameters parameters = new PKIXParameters(anchors);
			parameters.setRevocationEnabled(false);
			parameters.setDate(Date.from(at));
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateException(
					"The certificate chain of " + id + " does not lead to a trusted root: " + ex.getMessage(), ex);
		}
		return id;
	}

	/**
	 * Whether a certificate may sign certificates: {@code CA:true} and, when it has a key
	 * usage, {@code keyCertSign}.
	 * @param certificate the certificate
	 * @return whether it is a certificate authority
	 */
	public static boolean isCertificateAuthority(X509Certificate certificate) {
		boolean[] keyUsage = certificate.getKeyUsage();
		return certificate.getBasicConstraints() >= 0 && (keyUsage == null || flag(keyUsage, KEY_CERT_SIGN));
	}

	private static List<String> uriNames(X509Certificate certificate) throws CertificateParsingException {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		List<String> uris = new ArrayList<>();
		if (names != null) {
			for (List<?> name : names) {
				if (name.size() >= 2 && Integer.valueOf(URI_NAME).equals(name.get(0))) {
					uris.add(String.valueOf(name.get(1)));
				}
			}
		}
		return uris;
	}

	private static boolean flag(boolean[] bits, int index) {
		return bits.length > index && bits[index];
	}

	/**
	 * The role a workload certificate is presented in, which its extended key usage must
	 * allow.
	 */
	public enum Role {

		/**
		 * A TLS client: {@code clientAuth}.
		 */
		CLIENT("1.3.6.1.5.5.7.3.2", "clientAuth"),

		/**
		 * A TLS server: {@code serverAuth}.
		 */
		SERVER("1.3.6.1.5.5.7.3.1", "serverAuth");

		private final String oid;

		private final String usageName;

		Role(String oid, String usageName) {
			this.oid = oid;
			this.usageName = usageName;
		}

		/**
		 * Return the object identifier of the extended key usage.
		 * @return the OID
		 */
		public String oid() {
			return this.oid;
		}

		/**
		 * Return the name of the extended key usage.
		 * @return the name
		 */
		public String usageName() {
			return this.usageName;
		}

	}

}
