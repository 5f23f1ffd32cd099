package dev.mesh.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

import dev.mesh.kubernetes.EndpointSliceTranslator.KubernetesEndpoint;
import dev.mesh.kubernetes.EndpointSliceTranslator.Readiness;
import dev.mesh.kubernetes.EndpointSliceTranslator.Translation;
import dev.mesh.kubernetes.KubernetesEndpoints.ServiceEndpoints;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Watches the EndpointSlices (and the pods behind them) of the configured namespaces with
 * informers and keeps a {@link KubernetesEndpoints} view: pushed by the API server, never
 * polled. Until every informer has listed its namespace the view stays empty and
 * listeners hear nothing; then they hear the whole view once and after that every change,
 * one service at a time. When a watch breaks, the informers reconnect on their own and
 * the last view keeps serving.
 */
public final class EndpointSliceWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EndpointSliceWatcher.class);

	private final KubernetesClient client;

	private final boolean ownsClient;

	private final List<String> namespaces;

	private final EndpointSliceTranslator translator;

	private final List<Consumer<KubernetesEndpoints>> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, SharedIndexInformer<EndpointSlice>> slices = new LinkedHashMap<>();

	private final Map<String, SharedIndexInformer<Pod>> pods = new LinkedHashMap<>();

	private final Set<String> reportedProblems = new HashSet<>();

	private final Object monitor = new Object();

	private volatile KubernetesEndpoints view = KubernetesEndpoints.EMPTY;

	private volatile CompletableFuture<Void> synced;

	private volatile boolean live;

	private volatile boolean closed;

	private volatile Instant lastUpdate;

	private volatile String lastError;

	/**
	 * Create a watcher; nothing is watched before {@link #start()}.
	 * @param client the Kubernetes client
	 * @param settings what to watch and how to read it
	 */
	public EndpointSliceWatcher(KubernetesClient client, KubernetesDiscoverySettings settings) {
		this(client, settings, false);
	}

	private EndpointSliceWatcher(KubernetesClient client, KubernetesDiscoverySettings settings, boolean ownsClient) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.client = client;
		this.ownsClient = ownsClient;
		this.translator = new EndpointSliceTranslator(settings);
		if (settings.namespaces().isEmpty()) {
			String own = client.getNamespace();
			this.namespaces = List.of((own != null && !own.isEmpty()) ? own : "default");
		}
		else {
			this.namespaces = settings.namespaces();
		}
	}

	/**
	 * Create a watcher on the given client or, when there is none, on a client of its own
	 * built from the usual fabric8 sources (service account, kubeconfig) and closed with
	 * the watcher.
	 * @param client the application's client, may be {@code null}
	 * @param settings what to watch and how to read it
	 * @return the watcher
	 */
	public static EndpointSliceWatcher create(KubernetesClient client, KubernetesDiscoverySettings settings) {
		return (client != null) ? new EndpointSliceWatcher(client, settings)
				: new EndpointSliceWatcher(new KubernetesClientBuilder().build(), settings, true);
	}

	/**
	 * Return the namespaces watched.
	 * @return the namespaces
	 */
	public List<String> namespaces() {
		return this.namespaces;
	}

	/**
	 * Add a listener called with every new view, on an informer thread.
	 * @param listener the listener
	 */
	public void addListener(Consumer<KubernetesEndpoints> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Return the current view.
	 * @return the view, {@link KubernetesEndpoints#EMPTY} before the first full listing
	 */
	public KubernetesEndpoints current() {
		return this.view;
	}

	/**
	 * Start the informers: pods first, so that slices find the labels of their pods.
	 * Returns at once; {@link #awaitSynced(Duration)} waits for the first full view.
	 */
	public synchronized void start() {
		if (this.synced != null) {
			return;
		}
		List<CompletableFuture<Void>> started = new ArrayList<>();
		for (String namespace : this.namespaces) {
			SharedIndexInformer<Pod> podInformer = this.client.pods()
				.inNamespace(namespace)
				.runnableInformer(0)
				.addEventHandler(new PodHandler())
				.exceptionHandler(this::watchFailed);
			this.pods.put(namespace, podInformer);
			started.add(podInformer.start().toCompletableFuture());
		}
		for (String namespace : this.namespaces) {
			SharedIndexInformer<EndpointSlice> sliceInformer = this.client.discovery()
				.v1()
				.endpointSlices()
				.inNamespace(namespace)
				.withLabel(KubernetesDiscoverySettings.SERVICE_NAME_LABEL)
				.withIndexers(Map.of(SliceIndex.SERVICE, SliceIndex::services, SliceIndex.POD, SliceIndex::pods))
				.runnableInformer(0)
				.addEventHandler(new SliceHandler())
				.exceptionHandler(this::watchFailed);
			this.slices.put(namespace, sliceInformer);
			started.add(sliceInformer.start().toCompletableFuture());
		}
		this.synced = CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).thenRun(this::goLive);
	}

	/**
	 * Wait until every informer has listed its namespace and the first view is built.
	 * @param timeout longest time to wait
	 * @return whether the view is complete
	 */
	public boolean awaitSynced(Duration timeout) {
		CompletableFuture<Void> synced = this.synced;
		if (synced == null) {
			return false;
		}
		try {
			synced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/**
	 * Return the state of the watches.
	 * @return the status
	 */
	public Status status() {
		if (this.closed) {
			return new Status(State.STOPPED, this.lastUpdate, this.lastError);
		}
		if (!this.live) {
			return new Status((this.lastError != null) ? State.DISCONNECTED : State.CONNECTING, this.lastUpdate,
					this.lastError);
		}
		boolean watching = this.slices.values().stream().allMatch(SharedIndexInformer::isWatching)
				&& this.pods.values().stream().allMatch(SharedIndexInformer::isWatching);
		return new Status(watching ? State.CONNECTED : State.DISCONNECTED, this.lastUpdate,
				watching ? null : this.lastError);
	}

	@Override
	public void close() {
		this.closed = true;
		this.slices.values().forEach(SharedIndexInformer::stop);
		this.pods.values().forEach(SharedIndexInformer::stop);
		if (this.ownsClient) {
			this.client.close();
		}
	}

	private boolean watchFailed(boolean started, Throwable failure) {
		String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (!Objects.equals(error, this.lastError)) {
			logger.warn("Kubernetes watch of EndpointSlices and pods in " + this.namespaces + " failed (" + error
					+ "); serving the last known endpoints and retrying");
		}
		this.lastError = error;
		// Keep retrying: the informer backs off, and the last view keeps serving.
		return !this.closed;
	}

	private void goLive() {
		synchronized (this.monitor) {
			this.live = true;
			this.lastError = null;
			Set<String> services = new HashSet<>();
			this.slices.values()
				.forEach((informer) -> informer.getStore()
					.list()
					.forEach((slice) -> services.addAll(SliceIndex.services(slice))));
			Map<String, ServiceEndpoints> all = new TreeMap<>();
			for (String service : services) {
				ServiceEndpoints endpoints = compute(service);
				if (endpoints != null) {
					all.put(service, endpoints);
				}
			}
			publish(all);
			logger.info("Watching Kubernetes EndpointSlices in " + this.namespaces + " (" + all.size() + " services)");
		}
	}

	private void refresh(Set<String> services) {
		if (services.isEmpty() || !this.live) {
			// Before the first full listing, goLive builds everything at once.
			return;
		}
		synchronized (this.monitor) {
			Map<String, ServiceEndpoints> next = new TreeMap<>(this.view.services());
			boolean changed = false;
			for (String service : services) {
				ServiceEndpoints endpoints = compute(service);
				ServiceEndpoints previous = (endpoints != null) ? next.put(service, endpoints) : next.remove(service);
				changed |= !Objects.equals(previous, endpoints);
			}
			if (changed) {
				publish(next);
			}
		}
	}

	private void publish(Map<String, ServiceEndpoints> services) {
		KubernetesEndpoints next = new KubernetesEndpoints(this.view.revision() + 1, services);
		this.view = next;
		this.lastUpdate = Instant.now();
		for (Consumer<KubernetesEndpoints> listener : this.listeners) {
			try {
				listener.accept(next);
			}
			catch (RuntimeException ex) {
				logger.warn("Kubernetes endpoints listener failed", ex);
			}
		}
	}

	/**
	 * Compute one service from every slice that names it; an endpoint listed twice (as
	 * happens briefly while slices are rebalanced) counts once, ready if either says so.
	 */
	private ServiceEndpoints compute(String service) {
		Map<String, KubernetesEndpoint> endpoints = new HashMap<>();
		for (SharedIndexInformer<EndpointSlice> informer : this.slices.values()) {
			for (EndpointSlice slice : informer.getIndexer().byIndex(SliceIndex.SERVICE, service)) {
				Translation translation = this.translator.translate(slice, this::pod);
				report(slice, translation.problem());
				for (KubernetesEndpoint endpoint : translation.endpoints()) {
					endpoints.merge(endpoint.instance().instanceId(), endpoint,
							(a, b) -> (a.readiness() == Readiness.READY) ? a : b);
				}
			}
		}
		if (endpoints.isEmpty()) {
			return null;
		}
		List<MeshInstance> ready = new ArrayList<>();
		int draining = 0;
		int notReady = 0;
		for (KubernetesEndpoint endpoint : endpoints.values()) {
			switch (endpoint.readiness()) {
				case READY -> ready.add(endpoint.instance());
				case DRAINING -> draining++;
				default -> notReady++;
			}
		}
		ready.sort(Comparator.comparing(MeshInstance::instanceId));
		return new ServiceEndpoints(ready, draining, notReady);
	}

	private Pod pod(String key) {
		String namespace = key.substring(0, key.indexOf('/'));
		SharedIndexInformer<Pod> informer = this.pods.get(namespace);
		return (informer != null) ? informer.getStore().getByKey(key) : null;
	}

	private void report(EndpointSlice slice, String problem) {
		String key = Cache.metaNamespaceKeyFunc(slice);
		if (problem == null) {
			this.reportedProblems.remove(key);
		}
		else if (this.reportedProblems.add(key)) {
			logger.warn("Ignoring EndpointSlice " + key + ": it " + problem);
		}
	}

	private Set<String> servicesOf(Pod pod) {
		String key = Cache.metaNamespaceKeyFunc(pod);
		Set<String> services = new HashSet<>();
		for (SharedIndexInformer<EndpointSlice> informer : this.slices.values()) {
			informer.getIndexer()
				.byIndex(SliceIndex.POD, key)
				.forEach((slice) -> services.addAll(SliceIndex.services(slice)));
		}
		return services;
	}

	/**
	 * State of the watches.
	 *
	 * @param state connection state
	 * @param lastUpdate when the view last changed, {@code null} before the first
	 * @param lastError why a watch last failed, {@code null} when all are watching
	 */
	public record Status(State state, Instant lastUpdate, String lastError) {

	}

	/**
	 * Connection states of the watches.
	 */
	public enum State {

		/**
		 * Listing the namespaces for the first time.
		 */
		CONNECTING,

		/**
		 * Every watch is open and receiving changes.
		 */
		CONNECTED,

		/**
		 * A watch failed; serving the last view while the informers reconnect.
		 */
		DISCONNECTED,

		/**
		 * Closed.
		 */
		STOPPED

	}

	private final class SliceHandler implements ResourceEventHandler<EndpointSlice> {

		@Override
		public void onAdd(EndpointSlice slice) {
			refresh(new HashSet<>(SliceIndex.services(slice)));
		}

		@Override
		public void onUpdate(EndpointSlice before, EndpointSlice after) {
			Set<String> services = new HashSet<>(SliceIndex.services(before));
			services.addAll(SliceIndex.services(after));
			refresh(services);
		}

		@Override
		public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
			refresh(new HashSet<>(SliceIndex.services(slice)));
		}

	}

	private final class PodHandler implements ResourceEventHandler<Pod> {

		@Override
		public void onAdd(Pod pod) {
			refresh(servicesOf(pod));
		}

		@Override
		public void onUpdate(Pod before, Pod after) {
			// Only labels feed the view (version, zone, metadata); status churn does not.
			if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
				refresh(servicesOf(after));
			}
		}

		@Override
		public void onDelete(Pod pod, boolean finalStateUnknown) {
			refresh(servicesOf(pod));
		}

	}

}
