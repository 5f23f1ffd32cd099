package dev.mesh.loadbalancer;

/**
 * Reads the value of a consistent-hashing key from the request being balanced.
 */
@FunctionalInterface
public interface HashKeyValues {

	/**
	 * No request attributes: consistent hashing falls back to a random instance.
	 */
	HashKeyValues NONE = (key) -> null;

	/**
	 * Return the value of a key in the request.
	 * @param key the key
	 * @return its value, {@code null} when the request does not carry it
	 */
	String value(RequestHashKey key);

}
