package dev.mesh.policy.spec;

/**
 * Mutual TLS modes of a server.
 */
public enum MtlsMode {

	/**
	 * Only mutual TLS connections are accepted.
	 */
	STRICT,

	/**
	 * Mutual TLS and plaintext connections are both accepted.
	 */
	PERMISSIVE,

	/**
	 * Only plaintext connections are accepted.
	 */
	DISABLED

}
