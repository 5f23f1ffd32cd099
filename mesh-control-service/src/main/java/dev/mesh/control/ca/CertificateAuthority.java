package dev.mesh.control.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

/**
 * Signs workload certificates: ECDSA P-256 keys only (checked by the caller), exactly one
 * URI SAN with the SPIFFE ID the caller was entitled to, {@code CA:false}, key usage
 * {@code digitalSignature}, extended key usage {@code serverAuth} and {@code clientAuth},
 * a random 128-bit serial, a start of validity a minute in the past for clock skew and an
 * end never beyond the authority's own. Every certificate is checked as a peer would
 * check it before it is handed out.
 */
final class CertificateAuthority {

	/**
	 * How far the start of validity lies before the time of issue, for clocks that are a
	 * little behind.
	 */
	static final Duration BACKDATE = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(CertificateAuthority.class);

	private static final SecureRandom random = new SecureRandom();

	private final CaCredentials credentials;

	private final String trustDomain;

	private final Duration workloadTtl;

	private final Clock clock;

	private volatile boolean cappedWarningLogged;

	CertificateAuthority(CaCredentials credentials, String trustDomain, Duration workloadTtl, Clock clock) {
		this.credentials = credentials;
		this.trustDomain = trustDomain;
		this.workloadTtl = workloadTtl;
		this.clock = clock;
		selfTest();
		logger.info("Certificate authority of trust domain " + trustDomain + ": " + credentials.source()
				+ ", valid until " + credentials.notAfter() + "; workload certificates live " + workloadTtl);
	}

	/**
	 * Issue a throwaway certificate and check it, so that a CA that cannot issue valid
	 * certificates (such as one whose name constraints exclude the trust domain) fails
	 * the start rather than the first request.
	 */
	private void selfTest() {
		try {
			issue(SubjectPublicKeyInfo.getInstance(generateKey().getPublic().getEncoded()),
					CertificateApi.controlServiceId(this.trustDomain), List.of("localhost"), BACKDATE);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The certificate authority (" + this.credentials.source()
					+ ") cannot issue valid certificates: " + ex.getMessage(), ex);
		}
	}

	CaCredentials credentials() {
		return this.credentials;
	}

	String trustDomain() {
		return this.trustDomain;
	}

	Duration workloadTtl() {
		return this.workloadTtl;
	}

	/**
	 * Issue a workload certificate.
	 * @param key the workload's public key
	 * @param id the identity the workload is entitled to
	 * @return the certificate
	 */
	IssuedCertificate issue(SubjectPublicKeyInfo key, SpiffeId id) {
		return issue(key, id, List.of(), this.workloadTtl);
	}

	/**
	 * Issue a certificate that also names hosts, such as a server's.
	 * @param key the public key
	 * @param id the identity
	 * @param hosts host names and IP addresses to add as DNS and IP SANs
	 * @param ttl the lifetime, capped at the authority's own end of validity
	 * @return the certificate
	 */
	IssuedCertificate issue(SubjectPublicKeyInfo key, SpiffeId id, List<String> hosts, Duration ttl) {
		if (!id.isMemberOf(this.trustDomain)) {
			throw new IllegalArgumentException(id + " is not in trust domain " + this.trustDomain);
		}
		Instant now = this.clock.instant();
		Instant caNotAfter = this.credentials.notAfter();
		if (!caNotAfter.isAfter(now)) {
			throw new RequestRejectedException(503, "ca-expired",
					"the certificate authority expired at " + caNotAfter + " and cannot issue certificates");
		}
		Instant notAfter = now.plus(ttl);
		if (notAfter.isAfter(caNotAfter)) {
			notAfter = caNotAfter;
			if (!this.cappedWarningLogged) {
				this.cappedWarningLogged = true;
				logger.warn("Certificates are cut short: the certificate authority expires at " + caNotAfter
						+ ", sooner than the lifetime of " + ttl + " allows; renew the CA");
			}
		}
		X509Certificate issuer = this.credentials.certificate();
		Instant notBefore = max(now.minus(BACKDATE), issuer.getNotBefore().toInstant());
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
					X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serialNumber(),
					Date.from(notBefore), Date.from(notAfter), new X500Name(new RDN[0]), key);
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
					new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			// The subject is empty, so the names are critical (RFC 5280 4.2.1.6)
			builder.addExtension(Extension.subjectAlternativeName, true, names(id, hosts));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(issuer));
			builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
			X509Certificate certificate = sign(builder, this.credentials.privateKey());
			IssuedCertificate issued = new IssuedCertificate(id, certificate, this.credentials.intermediates(),
					this.credentials.root());
			check(issued, now);
			return issued;
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot issue a certificate to " + id + ": " + ex.getMessage(), ex);
		}
	}

	private void check(IssuedCertificate issued, Instant now) throws CertificateException {
		WorkloadCertificates.verify(issued.chain(), List.of(issued.root()), this.trustDomain, Role.SERVER, now);
		WorkloadCertificates.checkLeaf(issued.certificate(), this.trustDomain, Role.CLIENT);
	}

	private static GeneralNames names(SpiffeId id, List<String> hosts) throws UnknownHostException {
		List<GeneralName> names = new ArrayList<>();
		names.add(new GeneralName(GeneralName.uniformResourceIdentifier, id.toString()));
		for (String host : hosts) {
			if (isIpAddress(host)) {
				// A literal is parsed, never looked up
				names.add(new GeneralName(GeneralName.iPAddress,
						new DEROctetString(InetAddress.getByName(host).getAddress())));
			}
			else {
				names.add(new GeneralName(GeneralName.dNSName, host));
			}
		}
		return new GeneralNames(names.toArray(new GeneralName[0]));
	}

	private static boolean isIpAddress(String host) {
		return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * Generate an ECDSA P-256 key pair.
	 * @return the key pair
	 */
	static KeyPair generateKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an ECDSA P-256 key", ex);
		}
	}

	/**
	 * Return a random positive 128-bit serial number.
	 * @return the serial number
	 */
	static BigInteger serialNumber() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		BigInteger serial = new BigInteger(1, bytes);
		return (serial.signum() == 0) ? BigInteger.ONE : serial;
	}

	/**
	 * Return the signature algorithm for a CA key.
	 * @param key the key
	 * @return the JCA name of the algorithm
	 */
	static String signatureAlgorithm(PrivateKey key) {
		if (key instanceof ECKey ec) {
			return (ec.getParams().getCurve().getField().getFieldSize() > 256) ? "SHA384withECDSA" : "SHA256withECDSA";
		}
		return "SHA256withRSA";
	}

	static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
			throws OperatorCreationException, CertificateException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key)));
	}

}
