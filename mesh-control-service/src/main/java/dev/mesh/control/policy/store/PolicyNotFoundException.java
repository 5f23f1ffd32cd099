package dev.mesh.control.policy.store;

/**
 * Thrown when a write needs a live document that does not exist or was deleted. An HTTP
 * API answers {@code 404 Not Found}.
 */
public class PolicyNotFoundException extends RuntimeException {

	private final PolicyKey key;

	private final long resourceVersion;

	/**
	 * Create an exception for a missing document.
	 * @param key the key of the document
	 * @param resourceVersion the resource version at which it was looked for; for a
	 * failed write, that of the store
	 */
	public PolicyNotFoundException(PolicyKey key, long resourceVersion) {
		super(key + " not found at resourceVersion " + resourceVersion);
		this.key = key;
		this.resourceVersion = resourceVersion;
	}

	/**
	 * Return the key of the missing document.
	 * @return the key
	 */
	public PolicyKey getKey() {
		return this.key;
	}

	/**
	 * Return the resource version at which the document was looked for.
	 * @return the resource version
	 */
	public long getResourceVersion() {
		return this.resourceVersion;
	}

}
