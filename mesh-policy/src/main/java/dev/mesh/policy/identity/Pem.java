package dev.mesh.policy.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM encoding of certificates and keys with the JDK only.
 */
public final class Pem {

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

	private Pem() {
	}

	/**
	 * Encode DER bytes as one PEM block.
	 * @param type the block type, such as {@code CERTIFICATE}
	 * @param der the DER bytes
	 * @return the PEM block, ending with a newline
	 */
	public static String encode(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	/**
	 * Encode certificates as consecutive PEM blocks.
	 * @param certificates the certificates
	 * @return the PEM text
	 */
	public static String encodeCertificates(List<X509Certificate> certificates) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			try {
				pem.append(encode("CERTIFICATE", certificate.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalArgumentException("Cannot encode certificate " + certificate.getSubjectX500Principal(),
						ex);
			}
		}
		return pem.toString();
	}

	/**
	 * Read every certificate of a PEM text, in order.
	 * @param pem the PEM text
	 * @return the certificates, never empty
	 * @throws CertificateException if the text holds no certificate or one cannot be read
	 */
	public static List<X509Certificate> readCertificates(String pem) throws CertificateException {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		List<X509Certificate> certificates = new ArrayList<>();
		for (Certificate certificate : factory
			.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
			certificates.add((X509Certificate) certificate);
		}
		if (certificates.isEmpty()) {
			throw new CertificateException("No certificate in the PEM text");
		}
		return certificates;
	}

}
