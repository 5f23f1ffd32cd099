package dev.mesh.policy.spec;

/**
 * How an instance is picked for each request.
 */
public class LoadBalancer {

	/**
	 * Algorithm that picks the instance.
	 */
	private LoadBalancerAlgorithm algorithm;

	/**
	 * What consistent hashing hashes, for the ring-hash algorithm.
	 */
	private HashKey hash;

	public LoadBalancerAlgorithm getAlgorithm() {
		return this.algorithm;
	}

	public void setAlgorithm(LoadBalancerAlgorithm algorithm) {
		this.algorithm = algorithm;
	}

	public HashKey getHash() {
		return this.hash;
	}

	public void setHash(HashKey hash) {
		this.hash = hash;
	}

}
