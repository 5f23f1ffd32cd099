package dev.mesh.policy.document;

/**
 * Formats a policy document may be written in.
 */
public enum PolicyFormat {

	/**
	 * JSON.
	 */
	JSON,

	/**
	 * YAML, one document, with no tags, no recursive keys and few aliases.
	 */
	YAML

}
