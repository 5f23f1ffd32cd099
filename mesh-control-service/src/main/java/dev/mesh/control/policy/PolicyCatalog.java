package dev.mesh.control.policy;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.control.policy.store.PolicyKey;
import dev.mesh.control.policy.store.PolicyStore;
import dev.mesh.control.policy.store.StoredPolicy;
import dev.mesh.policy.document.PolicyDocument;
import dev.mesh.policy.document.PolicyFormat;
import dev.mesh.policy.document.PolicyReader;
import dev.mesh.policy.document.PolicyViolationException;

/**
 * The live policy documents, parsed: an immutable map swapped atomically after every
 * durable write of the store, so readers never lock.
 */
public final class PolicyCatalog {

	private static final Log logger = LogFactory.getLog(PolicyCatalog.class);

	private final AtomicReference<Map<PolicyKey, PolicyDocument>> documents = new AtomicReference<>(Map.of());

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private volatile long version;

	PolicyCatalog(PolicyStore store) {
		// Listen before loading, and apply writes only after the load: a write committed
		// in
		// between is then both loaded and applied, which is harmless, instead of lost.
		synchronized (this) {
			store.addListener(this::written);
			Map<PolicyKey, PolicyDocument> loaded = new TreeMap<>();
			for (StoredPolicy stored : store.list(null, null)) {
				PolicyDocument document = read(stored);
				if (document != null) {
					loaded.put(stored.key(), document);
				}
			}
			this.documents.set(Collections.unmodifiableMap(loaded));
			this.version = store.resourceVersion();
		}
	}

	/**
	 * Return the live documents.
	 * @return the documents
	 */
	public Collection<PolicyDocument> documents() {
		return this.documents.get().values();
	}

	/**
	 * Return the store's resourceVersion that {@link #documents()} reflects.
	 * @return the version
	 */
	public long version() {
		return this.version;
	}

	/**
	 * Add a listener called after every change of the documents.
	 * @param listener the listener
	 */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Return every document but the one under the given key.
	 * @param key the key to leave out
	 * @return the other documents
	 */
	List<PolicyDocument> others(PolicyKey key) {
		return this.documents.get()
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals(key))
			.map(Map.Entry::getValue)
			.toList();
	}

	private synchronized void written(StoredPolicy stored) {
		this.documents.updateAndGet((current) -> {
			Map<PolicyKey, PolicyDocument> next = new TreeMap<>(current);
			PolicyDocument document = stored.deleted() ? null : read(stored);
			if (document != null) {
				next.put(stored.key(), document);
			}
			else {
				next.remove(stored.key());
			}
			return Collections.unmodifiableMap(next);
		});
		this.version = Math.max(this.version, stored.resourceVersion());
		this.listeners.forEach(Runnable::run);
	}

	static PolicyKey key(PolicyDocument document) {
		return new PolicyKey(document.kind().kindName(), document.namespace(), document.name());
	}

	private static PolicyDocument read(StoredPolicy stored) {
		try {
			return PolicyReader.read(stored.document().getBytes(StandardCharsets.UTF_8), PolicyFormat.JSON);
		}
		catch (PolicyViolationException ex) {
			logger.error("Stored policy " + stored.key() + " at resourceVersion " + stored.resourceVersion()
					+ " no longer validates and is ignored: " + ex.getMessage());
			return null;
		}
	}

}
