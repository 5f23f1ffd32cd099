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

	/**
	 * Whether and how calls prefer the caller's zone.
	 */
	private Locality locality;

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

	public Locality getLocality() {
		return this.locality;
	}

	public void setLocality(Locality locality) {
		this.locality = locality;
	}

}
