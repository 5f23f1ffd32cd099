package dev.mesh.control.policy.store;

/**
 * Thrown when a write conflicts with the stored state: the document already exists, or it
 * was modified since the resource version the writer expected. An HTTP API answers
 * {@code 409 Conflict}.
 */
public class PolicyConflictException extends RuntimeException {

	private final PolicyKey key;

	private final long resourceVersion;

	/**
	 * Create an exception for a write that conflicts with the stored document.
	 * @param message the detail message
	 * @param key the key of the document
	 * @param resourceVersion the current resource version of the document
	 */
	public PolicyConflictException(String message, PolicyKey key, long resourceVersion) {
		super(message);
		this.key = key;
		this.resourceVersion = resourceVersion;
	}

	static PolicyConflictException exists(StoredPolicy current) {
		return new PolicyConflictException(
				current.key() + " already exists at resourceVersion " + current.resourceVersion(), current.key(),
				current.resourceVersion());
	}

	static PolicyConflictException modified(StoredPolicy current, long expectedResourceVersion) {
		return new PolicyConflictException(current.key() + " was modified: resourceVersion is "
				+ current.resourceVersion() + ", not " + expectedResourceVersion, current.key(),
				current.resourceVersion());
	}

	/**
	 * Return the key of the document.
	 * @return the key
	 */
	public PolicyKey getKey() {
		return this.key;
	}

	/**
	 * Return the current resource version of the document.
	 * @return the current resource version
	 */
	public long getResourceVersion() {
		return this.resourceVersion;
	}

}
