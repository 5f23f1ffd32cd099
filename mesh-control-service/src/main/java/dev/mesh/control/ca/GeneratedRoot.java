package dev.mesh.control.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.boot.ssl.pem.PemContent;

import dev.mesh.policy.identity.Pem;

/**
 * The root the authority generates on first start when no CA certificate is configured:
 * an ECDSA P-256 key and a self-signed certificate, kept together in {@value #FILE}
 * (owner-only, written atomically) and loaded again on every later start, so the mesh
 * keeps one root across restarts.
 */
final class GeneratedRoot {

	/**
	 * Name of the file holding the generated root certificate and its private key.
	 */
	static final String FILE = "root-ca.pem";

	private static final Log logger = LogFactory.getLog(GeneratedRoot.class);

	private GeneratedRoot() {
	}

	/**
	 * Load the generated root, generating it first if there is none.
	 * @param files the authority's files
	 * @param trustDomain the trust domain, named in the root's subject
	 * @param ttl the lifetime of a new root
	 * @param now the current time
	 * @return the root's credentials
	 */
	static CaCredentials loadOrCreate(SecureFiles files, String trustDomain, Duration ttl, Instant now) {
		Path file = files.resolve(FILE);
		try {
			if (!Files.exists(file)) {
				KeyPair key = CertificateAuthority.generateKey();
				X509Certificate root = selfSigned(key, trustDomain, ttl, now);
				String pem = Pem.encodeCertificates(List.of(root))
						+ Pem.encode("PRIVATE KEY", key.getPrivate().getEncoded());
				files.write(FILE, pem.getBytes(StandardCharsets.US_ASCII));
				logger.info("Generated the mesh root CA (" + root.getSubjectX500Principal() + ", valid until "
						+ root.getNotAfter().toInstant() + ") in " + file.toAbsolutePath());
			}
			return load(files, file, now);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the root CA in " + file, ex);
		}
	}

	private static CaCredentials load(SecureFiles files, Path file, Instant now) throws IOException {
		files.warnIfShared(file);
		PemContent content = PemContent.load(file);
		X509Certificate root;
		PrivateKey key;
		try {
			root = content.getCertificates().get(0);
			key = content.getPrivateKey();
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("Cannot read the generated root CA in " + file + ": " + ex.getMessage()
					+ "; restore it from a backup, or move it away to generate a new root", ex);
		}
		if (key == null || !CaCredentials.matches(key, root)) {
			throw new IllegalStateException("The private key in " + file + " does not belong to its root certificate");
		}
		if (root.getNotAfter().toInstant().isBefore(now)) {
			throw new IllegalStateException("The generated root CA in " + file + " expired at "
					+ root.getNotAfter().toInstant() + ": move it away to generate a new root (every workload "
					+ "must then get the new trust bundle), or configure mesh.ca.certificate and mesh.ca.private-key");
		}
		return new CaCredentials(key, root, List.of(), "generated root in " + file);
	}

	private static X509Certificate selfSigned(KeyPair key, String trustDomain, Duration ttl, Instant now) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "mesh")
			.addRDN(BCStyle.CN, "mesh root CA " + trustDomain)
			.build();
		BigInteger serial = CertificateAuthority.serialNumber();
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
					Date.from(now.minus(CertificateAuthority.BACKDATE)), Date.from(now.plus(ttl)), subject,
					key.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(key.getPublic()));
			return CertificateAuthority.sign(builder, key.getPrivate());
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot create the root CA certificate", ex);
		}
	}

}
