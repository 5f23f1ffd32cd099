package dev.mesh.identity;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

import dev.mesh.policy.identity.Pem;

/**
 * A PKCS#10 certificate signing request (RFC 2986) built with the JDK alone: an empty
 * subject, the public key, no attributes (the certificate authority writes the entitled
 * SPIFFE ID itself), signed with ECDSA and SHA-256 as proof of possession.
 */
final class CertificateSigningRequest {

	private static final byte[] VERSION_1 = { 0x02, 0x01, 0x00 };

	private static final byte[] EMPTY_NAME = { 0x30, 0x00 };

	private static final byte[] NO_ATTRIBUTES = { (byte) 0xA0, 0x00 };

	// AlgorithmIdentifier { ecdsa-with-SHA256 (1.2.840.10045.4.3.2) }
	private static final byte[] ECDSA_WITH_SHA256 = { 0x30, 0x0A, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE,
			0x3D, 0x04, 0x03, 0x02 };

	private static final int SEQUENCE = 0x30;

	private static final int BIT_STRING = 0x03;

	private CertificateSigningRequest() {
	}

	/**
	 * Build the request for an EC key pair.
	 * @param keyPair the key pair
	 * @return the request as a PEM {@code CERTIFICATE REQUEST} block
	 * @throws GeneralSecurityException if the key cannot sign
	 */
	static String pem(KeyPair keyPair) throws GeneralSecurityException {
		return Pem.encode("CERTIFICATE REQUEST", der(keyPair));
	}

	static byte[] der(KeyPair keyPair) throws GeneralSecurityException {
		byte[] info = element(SEQUENCE, VERSION_1, EMPTY_NAME, keyPair.getPublic().getEncoded(), NO_ATTRIBUTES);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(keyPair.getPrivate());
		signer.update(info);
		byte[] signature = signer.sign();
		byte[] bits = new byte[signature.length + 1];
		System.arraycopy(signature, 0, bits, 1, signature.length);
		return element(SEQUENCE, info, ECDSA_WITH_SHA256, element(BIT_STRING, bits));
	}

	private static byte[] element(int tag, byte[]... contents) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		for (byte[] part : contents) {
			content.writeBytes(part);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.size();
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (length > 0xFFFF) ? 3 : ((length > 0xFF) ? 2 : 1);
			out.write(0x80 | bytes);
			for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
				out.write((length >>> shift) & 0xFF);
			}
		}
		out.writeBytes(content.toByteArray());
		return out.toByteArray();
	}

}
