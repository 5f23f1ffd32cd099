package dev.mesh.control.registry;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.Disposables;

import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * Metrics of the registry and its watch streams. The per-service instance gauge follows
 * the registry: a service that loses its last instance disappears from it.
 */
final class RegistryMetrics implements MeterBinder, DisposableBean {

	static final String SERVICE_TAG = "mesh.service";

	private final InstanceRegistry registry;

	private final WatchStreams watchStreams;

	private final Disposable.Composite subscriptions = Disposables.composite();

	RegistryMetrics(InstanceRegistry registry, WatchStreams watchStreams) {
		this.registry = registry;
		this.watchStreams = watchStreams;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		Gauge.builder("mesh.registry.revision", this.registry, (registry) -> registry.snapshot().revision())
			.description("Revision of the instance registry")
			.register(meterRegistry);
		FunctionCounter.builder("mesh.registry.registrations", this.registry, InstanceRegistry::registrations)
			.description("Registrations accepted, re-registrations included")
			.register(meterRegistry);
		FunctionCounter.builder("mesh.registry.evictions", this.registry, InstanceRegistry::evictions)
			.description("Instances evicted because their lease expired")
			.register(meterRegistry);
		Gauge.builder("mesh.registry.kubernetes.instances", this.registry, InstanceRegistry::kubernetesInstances)
			.description("Ready instances held from Kubernetes EndpointSlices")
			.register(meterRegistry);
		Gauge.builder("mesh.watch.subscribers", this.watchStreams, WatchStreams::subscribers)
			.description("Open watch streams")
			.register(meterRegistry);
		MultiGauge instances = MultiGauge.builder("mesh.registry.instances")
			.description("Registered instances by service")
			.register(meterRegistry);
		this.subscriptions
			.add(this.registry.snapshots().subscribe((snapshot) -> instances.register(rows(snapshot), true)));
	}

	@Override
	public void destroy() {
		this.subscriptions.dispose();
	}

	private static List<MultiGauge.Row<?>> rows(RegistrySnapshot snapshot) {
		return snapshot.services()
			.entrySet()
			.stream().<MultiGauge
					.Row<?>>map(
							(entry) -> MultiGauge.Row.of(Tags.of(SERVICE_TAG, entry.getKey()), entry.getValue().size()))
			.toList();
	}

}
