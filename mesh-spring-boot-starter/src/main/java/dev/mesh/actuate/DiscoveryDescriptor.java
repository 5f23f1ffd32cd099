package dev.mesh.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mesh.discovery.MeshDiscoverySource;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The discovery section of {@code /actuator/mesh}: the state of the merged view, each
 * source with its state and instance counts, and for each service how many instances are
 * routable and which source supplies them.
 *
 * @param state state of the view, {@code DISABLED} without one
 * @param revision revision of the view
 * @param sources the sources, the winning one first
 * @param services routable instances by service, with the source supplying them
 */
public record DiscoveryDescriptor(String state, long revision, List<SourceDescriptor> sources,
		Map<String, ServiceDescriptor> services) {

	/**
	 * Describe a view.
	 * @param view the view, {@code null} when discovery is off
	 * @return the description
	 */
	public static DiscoveryDescriptor of(MeshEndpoints view) {
		if (view == null) {
			return new DiscoveryDescriptor("DISABLED", 0, List.of(), Map.of());
		}
		RegistrySnapshot snapshot = view.snapshot();
		List<SourceDescriptor> sources = view.sources().stream().map(DiscoveryDescriptor::describe).toList();
		Map<String, ServiceDescriptor> services = new LinkedHashMap<>();
		snapshot.services()
			.forEach((service, instances) -> services.put(service,
					new ServiceDescriptor(instances.size(), supplier(view, service, instances))));
		return new DiscoveryDescriptor(view.status().state().name(), snapshot.revision(), sources, services);
	}

	/**
	 * Return the source of a view with the given name.
	 * @param view the view, may be {@code null}
	 * @param name the source name
	 * @return the source, {@code null} when the view has none of that name
	 */
	static MeshDiscoverySource source(MeshEndpoints view, String name) {
		if (view == null) {
			return null;
		}
		return view.sources().stream().filter((source) -> source.name().equals(name)).findFirst().orElse(null);
	}

	private static String supplier(MeshEndpoints view, String service, List<MeshInstance> instances) {
		return view.sources()
			.stream()
			.filter((source) -> source.snapshot().instances(service).equals(instances))
			.map(MeshDiscoverySource::name)
			.findFirst()
			.orElse(null);
	}

	private static SourceDescriptor describe(MeshDiscoverySource source) {
		MeshEndpoints.WatchStatus status = source.status();
		RegistrySnapshot snapshot = source.snapshot();
		Map<String, Integer> instances = new LinkedHashMap<>();
		snapshot.services().forEach((service, list) -> instances.put(service, list.size()));
		return new SourceDescriptor(source.name(), source.getOrder(), status.state().name(), snapshot.revision(),
				status.lastUpdate(), status.lastError(), instances);
	}

	/**
	 * One discovery source.
	 *
	 * @param name its name: {@code static}, {@code kubernetes}, {@code registry}
	 * @param order its precedence, lower wins
	 * @param state state of its connection
	 * @param revision its own revision
	 * @param lastUpdate when it last changed
	 * @param lastError why it last failed
	 * @param instances routable instances it knows, by service
	 */
	public record SourceDescriptor(String name, int order, String state, long revision, Instant lastUpdate,
			String lastError, Map<String, Integer> instances) {

	}

	/**
	 * One service of the view.
	 *
	 * @param instances routable instances
	 * @param source the source supplying them
	 */
	public record ServiceDescriptor(int instances, String source) {

	}

}
