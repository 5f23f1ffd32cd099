package dev.mesh.mtls;

import dev.mesh.policy.registry.MeshInstance;

/**
 * Registration metadata of an instance's mutual TLS.
 */
public final class MtlsMetadata {

	/**
	 * The mode the instance's server runs in: {@code STRICT}, {@code PERMISSIVE} or
	 * {@code DISABLED}.
	 */
	public static final String MODE = MeshInstance.MTLS_MODE;

	/**
	 * The port of the instance's plaintext connector in PERMISSIVE mode, when plaintext
	 * is not served on its main port (Tomcat).
	 */
	public static final String PLAINTEXT_PORT = "mesh.mtls.plaintext-port";

	/**
	 * The SPIFFE ID the instance serves with, from a verified source.
	 */
	public static final String SPIFFE_ID = MeshInstance.SPIFFE_ID;

	private MtlsMetadata() {
	}

}
