package dev.mesh.loadbalancer;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * A subset of a service's instances, selected by labels such as {@code version=v2}. A
 * caller puts a subset in the request attributes under {@link #ATTRIBUTE} (the gateway
 * does this for its weighted routes) and the load balancer then chooses among matching
 * instances only.
 *
 * @param labels labels an instance must all carry
 */
public record MeshSubset(Map<String, String> labels) {

	/**
	 * Request attribute under which a {@link MeshSubset} travels to the load balancer.
	 */
	public static final String ATTRIBUTE = MeshSubset.class.getName();

	public MeshSubset {
		Assert.notEmpty(labels, "'labels' must not be empty");
		labels = Map.copyOf(labels);
	}

	/**
	 * Whether an instance's labels match this subset.
	 * @param instanceLabels the instance's labels
	 * @return whether every label of the subset is present with the same value
	 */
	public boolean matches(Map<String, String> instanceLabels) {
		for (Map.Entry<String, String> label : this.labels.entrySet()) {
			if (!label.getValue().equals(instanceLabels.get(label.getKey()))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(this.labels).forEach((key, value) -> {
			if (!text.isEmpty()) {
				text.append(',');
			}
			text.append(key).append('=').append(value);
		});
		return text.toString();
	}

}
