package dev.mesh.observability;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Gauges of the workload's link to the mesh: whether it is registered, whether the watch
 * stream is connected, the revision it has, and how many instances each destination has.
 */
class MeshMetrics implements MeterBinder {

	/**
	 * Tag naming a destination service.
	 */
	static final String DESTINATION_TAG = "mesh.destination";

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
		Gauge
			.builder("mesh.control.connected", view,
					(v) -> (v.status().state() == MeshEndpoints.WatchStatus.State.CONNECTED) ? 1 : 0)
			.description("Whether the watch stream to the control service is connected")
			.register(registry);
		Gauge.builder("mesh.control.revision", view, (v) -> v.snapshot().revision())
			.description("Revision of the last mesh snapshot received")
			.register(registry);
		MultiGauge instances = MultiGauge.builder("mesh.discovery.instances")
			.description("Known instances of each destination service")
			.register(registry);
		view.addListener((snapshot) -> instances.register(rows(snapshot), true));
		instances.register(rows(view.snapshot()), true);
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

}
