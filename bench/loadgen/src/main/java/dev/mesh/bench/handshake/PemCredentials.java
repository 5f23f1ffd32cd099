package dev.mesh.bench.handshake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM files, as the harness creates them: a certificate chain,
 * its EC private key in PKCS#8 ({@code BEGIN PRIVATE KEY}) and the CA certificate that
 * peers' certificates must chain to.
 */
public final class PemCredentials {

	private static final char[] PASSWORD = new char[0];

	private PemCredentials() {
	}

	/**
	 * Create a TLS context.
	 * @param certificate the certificate chain, leaf first
	 * @param key the private key
	 * @param ca the trusted CA certificate
	 * @return the context
	 */
	public static SSLContext context(Path certificate, Path key, Path ca) {
		try {
			CertificateFactory certificates = CertificateFactory.getInstance("X.509");
			Certificate[] chain = certificates
				.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate)))
				.toArray(Certificate[]::new);
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("server", privateKey(Files.readString(key, StandardCharsets.US_ASCII)), PASSWORD, chain);
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			int i = 0;
			for (Certificate authority : certificates
				.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(ca)))) {
				trusted.setCertificateEntry("ca-" + i++, authority);
			}
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot build a TLS context from " + certificate + " and " + key, ex);
		}
	}

	static PrivateKey privateKey(String pem) throws GeneralSecurityException {
		String begin = "-----BEGIN PRIVATE KEY-----";
		int start = pem.indexOf(begin);
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("Expected a PKCS#8 key (BEGIN PRIVATE KEY)");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
		return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

}
