package dev.mesh.sample.storefront;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The chain of {@code service@version} labels that served a response: its header and JSON
 * field, and how this workload's label is put in front of a downstream chain.
 */
final class MeshChain {

	/**
	 * Response header carrying the chain, labels separated by {@code ", "}.
	 */
	static final String HEADER = "X-Mesh-Chain";

	/**
	 * JSON field carrying the chain, also on problem details.
	 */
	static final String FIELD = "chain";

	private MeshChain() {
	}

	/**
	 * Return a chain that starts with a label and continues with a downstream chain.
	 * @param label this workload's label
	 * @param downstream the downstream chain, may be {@code null}
	 * @return the chain
	 */
	static List<String> of(String label, List<String> downstream) {
		List<String> chain = new ArrayList<>();
		chain.add(label);
		if (downstream != null) {
			chain.addAll(downstream);
		}
		return List.copyOf(chain);
	}

	/**
	 * Read a chain from response headers.
	 * @param headers the headers, may be {@code null}
	 * @return the chain, empty when the header is absent
	 */
	static List<String> from(HttpHeaders headers) {
		String value = (headers != null) ? headers.getFirst(HEADER) : null;
		if (value == null) {
			return List.of();
		}
		List<String> chain = new ArrayList<>();
		for (String label : value.split(",")) {
			if (!label.isBlank()) {
				chain.add(label.strip());
			}
		}
		return List.copyOf(chain);
	}

	/**
	 * Return the header value of a chain.
	 * @param chain the chain
	 * @return the labels separated by {@code ", "}
	 */
	static String header(List<String> chain) {
		return String.join(", ", chain);
	}

}
