package dev.mesh.sample.catalog;

import java.util.List;

/**
 * A response body that names the workloads that served it, outermost first.
 */
interface Chained {

	/**
	 * Response header carrying the chain, labels separated by {@code ", "}.
	 */
	String HEADER = "X-Mesh-Chain";

	/**
	 * JSON field carrying the chain, also on problem details.
	 */
	String FIELD = "chain";

	/**
	 * Return the {@code service@version} labels of the workloads that served the
	 * response.
	 * @return the chain, outermost first
	 */
	List<String> chain();

}
