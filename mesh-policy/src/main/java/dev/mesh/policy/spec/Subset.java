package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named subset of a service's instances, selected by labels such as
 * {@code version: v2}.
 */
public class Subset {

	/**
	 * Labels an instance must all carry to belong to the subset.
	 */
	private final Map<String, String> labels = new LinkedHashMap<>();

	public Map<String, String> getLabels() {
		return this.labels;
	}

}
