package dev.mesh.policy.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made with BouncyCastle (a test dependency only): a root, an
 * intermediate and leaves with whatever extensions a test needs.
 */
final class TestCertificates {

	static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private static final AtomicLong serials = new AtomicLong();

	private TestCertificates() {
	}

	static KeyPair ecKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static X509Certificate authority(String name, KeyPair key, KeyPair issuerKey, X509Certificate issuer) {
		return build(name, key, issuerKey, issuer, Duration.ofDays(365), (builder) -> {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		});
	}

	static X509Certificate leaf(KeyPair issuerKey, X509Certificate issuer, Duration validity, boolean ca, int keyUsage,
			KeyPurposeId[] purposes, String... uris) {
		// The JDK refuses a certificate with neither a subject nor a subject alternative
		// name
		String subject = (uris.length > 0) ? "" : "workload";
		return build(subject, ecKey(), issuerKey, issuer, validity, (builder) -> {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
			if (purposes.length > 0) {
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
			}
			if (uris.length > 0) {
				GeneralName[] names = new GeneralName[uris.length];
				for (int i = 0; i < uris.length; i++) {
					names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, uris[i]);
				}
				builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(names));
			}
		});
	}

	static X509Certificate workload(KeyPair issuerKey, X509Certificate issuer, String... uris) {
		return leaf(issuerKey, issuer, Duration.ofHours(1), false, KeyUsage.digitalSignature,
				new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }, uris);
	}

	private static X509Certificate build(String name, KeyPair key, KeyPair issuerKey, X509Certificate issuer,
			Duration validity, Extensions extensions) {
		try {
			X500Name subject = new X500Name(name.isEmpty() ? "" : "CN=" + name);
			X500Name issuerName = (issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
					: subject;
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
					BigInteger.valueOf(serials.incrementAndGet()), Date.from(NOW.minus(Duration.ofMinutes(1))),
					Date.from(NOW.plus(validity)), subject, key.getPublic());
			extensions.add(builder);
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Extensions {

		void add(X509v3CertificateBuilder builder) throws Exception;

	}

}
