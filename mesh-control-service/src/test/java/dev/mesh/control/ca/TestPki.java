package dev.mesh.control.ca;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Keys, CA certificates and certificate signing requests for tests, made with
 * BouncyCastle.
 */
final class TestPki {

	private static final AtomicLong serials = new AtomicLong(1000);

	private TestPki() {
	}

	static KeyPair ec(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair ec() {
		return ec("secp256r1");
	}

	static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Make a certificate.
	 * @param name common name of the subject
	 * @param key the subject's key
	 * @param issuerKey the issuer's key (the subject's own for a self-signed one)
	 * @param issuer the issuer, or {@code null} for a self-signed certificate
	 * @param ca whether it is a CA
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @return the certificate
	 */
	static X509Certificate certificate(String name, KeyPair key, KeyPair issuerKey, X509Certificate issuer, boolean ca,
			Instant notBefore, Instant notAfter) {
		return certificate(name, key, issuerKey, issuer, ca, notBefore, notAfter, null);
	}

	/**
	 * Make a CA certificate that may only certify URIs of one host.
	 * @param name common name of the subject
	 * @param key the subject's key
	 * @param issuerKey the issuer's key
	 * @param issuer the issuer
	 * @param permittedUriHost the host URIs must have, such as {@code other.example}
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @return the certificate
	 */
	static X509Certificate constrainedAuthority(String name, KeyPair key, KeyPair issuerKey, X509Certificate issuer,
			String permittedUriHost, Instant notBefore, Instant notAfter) {
		return certificate(name, key, issuerKey, issuer, true, notBefore, notAfter, permittedUriHost);
	}

	private static X509Certificate certificate(String name, KeyPair key, KeyPair issuerKey, X509Certificate issuer,
			boolean ca, Instant notBefore, Instant notAfter, String permittedUriHost) {
		try {
			X500Name subject = new X500Name("CN=" + name);
			X500Name issuerName = (issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
					: subject;
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
					BigInteger.valueOf(serials.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
					key.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
			if (permittedUriHost != null) {
				GeneralSubtree permitted = new GeneralSubtree(
						new GeneralName(GeneralName.uniformResourceIdentifier, permittedUriHost));
				builder.addExtension(Extension.nameConstraints, true,
						new NameConstraints(new GeneralSubtree[] { permitted }, null));
			}
			String algorithm = "RSA".equals(issuerKey.getPrivate().getAlgorithm()) ? "SHA256withRSA"
					: "SHA256withECDSA";
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Make a certificate signing request.
	 * @param key the key to certify
	 * @param signingKey the key that signs the request (another one makes a bad
	 * signature)
	 * @param names subject alternative names: {@code spiffe://…} as URIs, others as DNS
	 * names
	 * @return the request in PEM
	 */
	static String csr(KeyPair key, KeyPair signingKey, String... names) {
		try {
			PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
					new X500Name("CN=workload"), key.getPublic());
			if (names.length > 0) {
				GeneralName[] generalNames = new GeneralName[names.length];
				for (int i = 0; i < names.length; i++) {
					generalNames[i] = names[i].startsWith("spiffe:")
							? new GeneralName(GeneralName.uniformResourceIdentifier, names[i])
							: new GeneralName(GeneralName.dNSName, names[i]);
				}
				ExtensionsGenerator extensions = new ExtensionsGenerator();
				extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(generalNames));
				builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
			}
			String algorithm = "RSA".equals(signingKey.getPrivate().getAlgorithm()) ? "SHA256withRSA"
					: "SHA256withECDSA";
			return pem(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String csr(KeyPair key, String... names) {
		return csr(key, key, names);
	}

	static String pem(Object... objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				writer.writeObject(object);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

	/**
	 * Encode a private key as PKCS#8 PEM (the JDK's EC keys lose their curve in the
	 * traditional format).
	 * @param key the key
	 * @return the PEM text
	 */
	static String pem(PrivateKey key) {
		try {
			return pem(new JcaPKCS8Generator(key, null));
		}
		catch (PemGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path write(Path directory, String name, String content) {
		try {
			return Files.writeString(directory.resolve(name), content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
