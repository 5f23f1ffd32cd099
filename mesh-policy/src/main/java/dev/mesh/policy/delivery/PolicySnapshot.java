package dev.mesh.policy.delivery;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * Everything policy sets for one workload at one version: {@code mesh.*} properties,
 * whole, never a delta.
 *
 * @param version version of the snapshot: the policy store's resourceVersion it was
 * rendered at; never goes backwards for a workload
 * @param properties the properties, sorted by key
 */
public record PolicySnapshot(long version, Map<String, String> properties) {

	public PolicySnapshot {
		Assert.isTrue(version >= 0, "'version' must not be negative");
		properties = (properties != null) ? Collections.unmodifiableMap(new TreeMap<>(properties)) : Map.of();
	}

}
