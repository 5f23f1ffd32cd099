package dev.mesh.control.registry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.kubernetes.EndpointSliceWatcher;
import dev.mesh.kubernetes.KubernetesEndpoints;

/**
 * Feeds the {@link InstanceRegistry} with the ready endpoints an
 * {@link EndpointSliceWatcher} sees, so that every watch stream subscriber learns of
 * Kubernetes workloads the moment the API server pushes a change. Starts before the web
 * server, so that the first subscribers already see them once the first listing is done.
 */
final class KubernetesRegistryFeed implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KubernetesRegistryFeed.class);

	private final InstanceRegistry registry;

	private final EndpointSliceWatcher watcher;

	private volatile boolean running;

	/**
	 * Create a feed.
	 * @param registry the registry to feed
	 * @param watcher the watcher
	 */
	KubernetesRegistryFeed(InstanceRegistry registry, EndpointSliceWatcher watcher) {
		this.registry = registry;
		this.watcher = watcher;
		watcher.addListener(this::changed);
	}

	private void changed(KubernetesEndpoints endpoints) {
		this.registry.replaceKubernetes(endpoints.toSnapshot().services());
	}

	/**
	 * Return the state of the watch.
	 * @return the status
	 */
	EndpointSliceWatcher.Status status() {
		return this.watcher.status();
	}

	@Override
	public void start() {
		this.running = true;
		this.watcher.start();
		logger.info("Feeding the registry from Kubernetes EndpointSlices in " + this.watcher.namespaces());
	}

	@Override
	public void stop() {
		this.running = false;
		this.watcher.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
