package dev.mesh.observability;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

import dev.mesh.discovery.MeshDiscoverySource;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Gauges of the workload's link to the mesh: whether it is registered, whether the watch
 * stream to the control service is connected and the revision it has, how many instances
 * each destination has, and how many each discovery source knows.
 */
class MeshMetrics implements MeterBinder {

	/**
	 * Tag naming a destination service.
	 */
	static final String DESTINATION_TAG = "mesh.destination";

	/**
	 * Tag naming a discovery source.
	 */
	static final String SOURCE_TAG = "mesh.source";

	private final ObjectProvider<MeshRegistration> registration;

	private final ObjectProvider<MeshEndpoints> endpoints;

	MeshMetrics(ObjectProvider<MeshRegistration> registration, ObjectProvider<MeshEndpoints> endpoints) {
		this.registration = registration;
		this.endpoints = endpoints;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MeshRegistration currentRegistration = this.registration.getIfAvailable();
		if (currentRegistration != null) {
			Gauge
				.builder("mesh.registration.registered", currentRegistration,
						(r) -> (r.state() == MeshRegistration.State.REGISTERED) ? 1 : 0)
				.description("Whether this workload is registered with the control service")
				.register(registry);
		}
		MeshEndpoints view = this.endpoints.getIfAvailable();
		if (view == null) {
			return;
		}
		bindControlService(registry, view);
		MultiGauge instances = MultiGauge.builder("mesh.discovery.instances")
			.description("Known instances of each destination service")
			.register(registry);
		view.addListener((snapshot) -> instances.register(rows(snapshot), true));
		instances.register(rows(view.snapshot()), true);
		if (!view.sources().isEmpty()) {
			MultiGauge bySource = MultiGauge.builder("mesh.discovery.source.instances")
				.description("Routable instances each discovery source knows, by destination service")
				.register(registry);
			for (MeshDiscoverySource source : view.sources()) {
				source.addListener((snapshot) -> bySource.register(rows(view.sources()), true));
			}
			bySource.register(rows(view.sources()), true);
		}
	}

	private void bindControlService(MeterRegistry registry, MeshEndpoints view) {
		MeshDiscoverySource source = view.sources()
			.stream()
			.filter((candidate) -> MeshDiscoverySource.REGISTRY.equals(candidate.name()))
			.findFirst()
			.orElse(null);
		if (source == null && !view.sources().isEmpty()) {
			return;
		}
		Gauge
			.builder("mesh.control.connected", view,
					(v) -> (status(v, source).state() == MeshEndpoints.WatchStatus.State.CONNECTED) ? 1 : 0)
			.description("Whether the watch stream to the control service is connected")
			.register(registry);
		Gauge
			.builder("mesh.control.revision", view,
					(v) -> (source != null) ? source.snapshot().revision() : v.snapshot().revision())
			.description("Revision of the last mesh snapshot received")
			.register(registry);
	}

	private static MeshEndpoints.WatchStatus status(MeshEndpoints view, MeshDiscoverySource source) {
		return (source != null) ? source.status() : view.status();
	}

	private static List<MultiGauge.Row<?>> rows(RegistrySnapshot snapshot) {
		return snapshot.services()
			.entrySet()
			.stream().<MultiGauge
					.Row<?>>map(
							(entry) -> MultiGauge.Row.of(Tags.of(DESTINATION_TAG, entry.getKey()),
									entry.getValue().size()))
			.toList();
	}

	private static List<MultiGauge.Row<?>> rows(List<MeshDiscoverySource> sources) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (MeshDiscoverySource source : sources) {
			source.snapshot()
				.services()
				.forEach((service, instances) -> rows.add(MultiGauge.Row
					.of(Tags.of(SOURCE_TAG, source.name(), DESTINATION_TAG, service), instances.size())));
		}
		return rows;
	}

}
