package dev.mesh.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The instances listed under {@code mesh.discovery.static.services}. Bound without
 * resolving placeholders; an invalid entry fails startup naming the property. Bound again
 * on every {@link EnvironmentChangeEvent}: a valid change is applied at once, an invalid
 * one is logged and the last valid entries stay.
 */
final class StaticDiscoverySource implements MeshDiscoverySource, ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(StaticDiscoverySource.class);

	private final Environment environment;

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	private volatile RegistrySnapshot snapshot;

	private volatile Instant lastUpdate;

	private volatile String lastError;

	StaticDiscoverySource(Environment environment) {
		this.environment = environment;
		this.snapshot = new RegistrySnapshot(1, bind(environment));
		this.lastUpdate = Instant.now();
	}

	@Override
	public String name() {
		return STATIC;
	}

	@Override
	public int getOrder() {
		return STATIC_ORDER;
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public MeshEndpoints.WatchStatus status() {
		return new MeshEndpoints.WatchStatus(MeshEndpoints.WatchStatus.State.CONNECTED, this.lastUpdate,
				this.lastError);
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		reload();
	}

	synchronized void reload() {
		Map<String, List<MeshInstance>> services;
		try {
			services = bind(this.environment);
		}
		catch (IllegalStateException | BindException ex) {
			this.lastError = ex.getMessage();
			logger.warn("Keeping the last valid static instances: " + ex.getMessage());
			return;
		}
		this.lastError = null;
		RegistrySnapshot current = this.snapshot;
		RegistrySnapshot next = new RegistrySnapshot(current.revision() + 1, services);
		if (next.services().equals(current.services())) {
			return;
		}
		this.snapshot = next;
		this.lastUpdate = Instant.now();
		logger.info("Static instances changed: " + next.services().keySet());
		for (Consumer<RegistrySnapshot> listener : this.listeners) {
			listener.accept(next);
		}
	}

	/**
	 * Bind and check the static entries, with no placeholder resolution: a {@code $}
	 * stays a {@code $}.
	 * @param environment the environment
	 * @return instances by service
	 */
	static Map<String, List<MeshInstance>> bind(Environment environment) {
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(String.class, StaticDiscoveryProperties.Entry.class,
				StaticDiscoveryProperties.Entry::of);
		Binder binder = new Binder(ConfigurationPropertySources.get(environment), null, conversion, null);
		StaticDiscoveryProperties properties = binder.bind("mesh.discovery.static", StaticDiscoveryProperties.class)
			.orElseGet(StaticDiscoveryProperties::new);
		return StaticInstances.resolve(properties.getServices());
	}

}
