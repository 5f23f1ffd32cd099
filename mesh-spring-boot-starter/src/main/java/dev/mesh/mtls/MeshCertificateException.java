package dev.mesh.mtls;

import java.security.cert.CertificateException;

/**
 * A peer certificate the mesh refused, with a short reason for the handshake metrics.
 */
class MeshCertificateException extends CertificateException {

	private final String reason;

	MeshCertificateException(String reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Return why the certificate was refused: {@code untrusted}, {@code expired},
	 * {@code not-yet-valid}, {@code bad-leaf}, {@code foreign-trust-domain},
	 * {@code wrong-identity}, {@code unknown-destination} or {@code no-identity}.
	 * @return the reason
	 */
	String reason() {
		return this.reason;
	}

}
