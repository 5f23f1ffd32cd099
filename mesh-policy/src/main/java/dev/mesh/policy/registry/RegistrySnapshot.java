package dev.mesh.policy.registry;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * The instances of every service at one revision of the registry: what the watch stream
 * pushes, whole, each time the registry changes. A service with no instances is absent.
 *
 * @param revision revision of the registry, growing with every change
 * @param services instances by service name, both sorted
 */
public record RegistrySnapshot(long revision, Map<String, List<MeshInstance>> services) {

	/**
	 * The snapshot of an empty registry.
	 */
	public static final RegistrySnapshot EMPTY = new RegistrySnapshot(0, Map.of());

	public RegistrySnapshot {
		Assert.isTrue(revision >= 0, "'revision' must not be negative");
		TreeMap<String, List<MeshInstance>> sorted = new TreeMap<>();
		if (services != null) {
			services.forEach((service, instances) -> {
				if (instances != null && !instances.isEmpty()) {
					sorted.put(service,
							instances.stream().sorted(Comparator.comparing(MeshInstance::instanceId)).toList());
				}
			});
		}
		services = Collections.unmodifiableMap(sorted);
	}

	/**
	 * Return the instances of a service.
	 * @param service the service name
	 * @return its instances, empty when it has none
	 */
	public List<MeshInstance> instances(String service) {
		return this.services.getOrDefault(service, List.of());
	}

}
