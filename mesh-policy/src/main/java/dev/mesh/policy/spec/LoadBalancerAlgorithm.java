package dev.mesh.policy.spec;

/**
 * Algorithms that pick an instance for each request.
 */
public enum LoadBalancerAlgorithm {

	/**
	 * Each instance in turn.
	 */
	ROUND_ROBIN,

	/**
	 * A random instance.
	 */
	RANDOM,

	/**
	 * The less busy of two random instances (power of two choices).
	 */
	LEAST_REQUEST,

	/**
	 * The faster of two random instances by moving average of latency with a penalty for
	 * errors.
	 */
	LATENCY_AWARE,

	/**
	 * Consistent hashing of a request attribute.
	 */
	RING_HASH

}
