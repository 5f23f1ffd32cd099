package dev.mesh.control.policy.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Store of policy documents. To a store a document is an opaque, canonical string;
 * parsing and validation happen before it is written.
 * <p>
 * Like Kubernetes, the store keeps one global resource version that every write bumps by
 * one; each revision carries the resource version of the write that produced it. Writers
 * use it for optimistic concurrency: of two writers that read the same revision, exactly
 * one can replace it. A write method returns only once the change is durable.
 * <p>
 * Every revision is kept, tombstones of deletions included. A rollback is an ordinary
 * replace with the document of an earlier revision: <pre class="code">
 * StoredPolicy current = store.get(key).orElseThrow();
 * String old = store.revision(key, 7).orElseThrow().document();
 * store.replace(key, old, "alice", current.resourceVersion());
 * </pre> (a deleted document is brought back with {@link #create}).
 * <p>
 * Reads never block and see a consistent snapshot of the whole store.
 */
public interface PolicyStore extends AutoCloseable {

	/**
	 * Create a document.
	 * @param key the key of the document
	 * @param document the document
	 * @param author who makes the change
	 * @return the stored revision
	 * @throws PolicyConflictException if a live document exists under the key
	 */
	StoredPolicy create(PolicyKey key, String document, String author);

	/**
	 * Replace a live document, provided it is still at the expected resource version.
	 * @param key the key of the document
	 * @param document the new document
	 * @param author who makes the change
	 * @param expectedResourceVersion the resource version the writer last read
	 * @return the stored revision
	 * @throws PolicyConflictException if the document is at another resource version
	 * @throws PolicyNotFoundException if there is no live document under the key
	 */
	StoredPolicy replace(PolicyKey key, String document, String author, long expectedResourceVersion);

	/**
	 * Delete a live document, recording a tombstone revision so that its history
	 * survives.
	 * @param key the key of the document
	 * @param author who makes the change
	 * @param expectedResourceVersion the resource version the writer last read, or a
	 * negative number to delete whatever the current revision is
	 * @return the tombstone
	 * @throws PolicyConflictException if the document is at another resource version
	 * @throws PolicyNotFoundException if there is no live document under the key
	 */
	StoredPolicy delete(PolicyKey key, String author, long expectedResourceVersion);

	/**
	 * Return the live document under a key.
	 * @param key the key
	 * @return the latest revision, empty when absent or deleted
	 */
	Optional<StoredPolicy> get(PolicyKey key);

	/**
	 * Return the live documents of a kind in a namespace, sorted by kind, namespace and
	 * name.
	 * @param kind the kind, or {@code null} for any
	 * @param namespace the namespace, or {@code null} for any
	 * @return the latest revision of each matching live document
	 */
	List<StoredPolicy> list(@Nullable String kind, @Nullable String namespace);

	/**
	 * Return every revision of a key, tombstones included, oldest first.
	 * @param key the key
	 * @return the revisions, empty when the key was never written
	 */
	List<StoredPolicy> history(PolicyKey key);

	/**
	 * Return one revision of a key.
	 * @param key the key
	 * @param resourceVersion the resource version of the revision
	 * @return the revision (possibly a tombstone), empty when the key has no revision at
	 * that resource version
	 */
	Optional<StoredPolicy> revision(PolicyKey key, long resourceVersion);

	/**
	 * Return the current global resource version: that of the latest write, {@code 0} for
	 * an empty store.
	 * @return the resource version
	 */
	long resourceVersion();

	/**
	 * Add a listener called with each revision once it is durable, in commit order. It is
	 * called outside the store's lock, possibly on the thread of a later writer; it
	 * should return quickly.
	 * @param listener the listener
	 */
	void addListener(Consumer<StoredPolicy> listener);

	/**
	 * Close the store: later writes fail, and a file-backed store releases its files.
	 */
	@Override
	void close();

}
