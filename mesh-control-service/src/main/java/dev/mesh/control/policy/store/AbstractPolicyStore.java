package dev.mesh.control.policy.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The logic every {@link PolicyStore} shares: checks of each write against the current
 * revision, serialized writes that publish an immutable {@link PolicySnapshot}, and
 * listeners called in commit order outside the lock. Subclasses make each revision
 * durable in {@link #persist}.
 */
abstract class AbstractPolicyStore implements PolicyStore {

	/**
	 * Largest document a store accepts, in characters.
	 */
	static final int MAX_DOCUMENT_LENGTH = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(AbstractPolicyStore.class);

	private final ReentrantLock writeLock = new ReentrantLock();

	private final ReentrantLock dispatchLock = new ReentrantLock();

	private final Queue<StoredPolicy> committed = new ConcurrentLinkedQueue<>();

	private final List<Consumer<StoredPolicy>> listeners = new CopyOnWriteArrayList<>();

	private final Clock clock;

	private final AtomicReference<PolicySnapshot> snapshot;

	private boolean closed;

	private @Nullable Exception failure;

	AbstractPolicyStore(Clock clock, PolicySnapshot snapshot) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
		this.snapshot = new AtomicReference<>(snapshot);
	}

	@Override
	public StoredPolicy create(PolicyKey key, String document, String author) {
		checkDocument(document);
		return write(key, author, (current, revision, time) -> {
			if (current != null && !current.deleted()) {
				throw PolicyConflictException.exists(current);
			}
			return StoredPolicy.live(key, document, revision, author, time);
		});
	}

	@Override
	public StoredPolicy replace(PolicyKey key, String document, String author, long expectedResourceVersion) {
		checkDocument(document);
		return write(key, author, (current, revision, time) -> {
			checkCurrent(key, current, expectedResourceVersion, revision - 1);
			return StoredPolicy.live(key, document, revision, author, time);
		});
	}

	@Override
	public StoredPolicy delete(PolicyKey key, String author, long expectedResourceVersion) {
		return write(key, author, (current, revision, time) -> {
			checkCurrent(key, current, expectedResourceVersion, revision - 1);
			return StoredPolicy.tombstone(key, revision, author, time);
		});
	}

	private static void checkDocument(String document) {
		Assert.hasText(document, "'document' must not be empty");
		Assert.isTrue(document.length() <= MAX_DOCUMENT_LENGTH,
				() -> "'document' must not be longer than " + MAX_DOCUMENT_LENGTH + " characters");
	}

	private static void checkCurrent(PolicyKey key, @Nullable StoredPolicy current, long expectedResourceVersion,
			long storeResourceVersion) {
		if (current == null || current.deleted()) {
			throw new PolicyNotFoundException(key, storeResourceVersion);
		}
		if (expectedResourceVersion >= 0 && current.resourceVersion() != expectedResourceVersion) {
			throw PolicyConflictException.modified(current, expectedResourceVersion);
		}
	}

	private StoredPolicy write(PolicyKey key, String author, Change change) {
		Assert.notNull(key, "'key' must not be null");
		Assert.hasText(author, "'author' must not be empty");
		StoredPolicy revision;
		this.writeLock.lock();
		try {
			checkWritable();
			PolicySnapshot current = this.snapshot.get();
			revision = change.apply(current.latest(key), current.resourceVersion() + 1, this.clock.instant());
			PolicySnapshot next = current.with(revision);
			try {
				persist(revision);
			}
			catch (IOException ex) {
				this.failure = ex;
				throw new UncheckedIOException("Could not store " + revision + "; the store accepts no more writes",
						ex);
			}
			catch (RuntimeException ex) {
				this.failure = ex;
				throw ex;
			}
			this.snapshot.set(next);
			this.committed.add(revision);
			afterCommit(next);
		}
		finally {
			this.writeLock.unlock();
		}
		dispatch();
		return revision;
	}

	private void checkWritable() {
		Assert.state(!this.closed, "Policy store is closed");
		if (this.failure != null) {
			throw new IllegalStateException(
					"Policy store accepts no more writes after a failed write; restart to recover", this.failure);
		}
	}

	/**
	 * Make a revision durable before it is published. Called with the write lock held.
	 * @param revision the revision
	 * @throws IOException on failure, after which the store accepts no more writes
	 */
	abstract void persist(StoredPolicy revision) throws IOException;

	private void afterCommit(PolicySnapshot snapshot) {
		try {
			maintain(snapshot);
		}
		catch (IOException | RuntimeException ex) {
			// The committed write is durable; later ones might not be
			this.failure = ex;
			logger.error("Policy store accepts no more writes after a failure at resourceVersion "
					+ snapshot.resourceVersion() + "; restart to recover", ex);
		}
	}

	/**
	 * Maintain storage after a write, for example by compacting it. Called with the write
	 * lock held.
	 * @param snapshot the snapshot the write published
	 * @throws IOException on failure, after which the store accepts no more writes
	 */
	void maintain(PolicySnapshot snapshot) throws IOException {
	}

	private void dispatch() {
		// Whoever holds the dispatch lock delivers every committed revision in order; the
		// loop catches revisions committed while the previous holder was releasing it.
		do {
			if (!this.dispatchLock.tryLock()) {
				return;
			}
			try {
				StoredPolicy revision;
				while ((revision = this.committed.poll()) != null) {
					notifyListeners(revision);
				}
			}
			finally {
				this.dispatchLock.unlock();
			}
		}
		while (!this.committed.isEmpty());
	}

	private void notifyListeners(StoredPolicy revision) {
		for (Consumer<StoredPolicy> listener : this.listeners) {
			try {
				listener.accept(revision);
			}
			catch (RuntimeException ex) {
				logger.warn("Policy store listener failed on " + revision, ex);
			}
		}
	}

	@Override
	public Optional<StoredPolicy> get(PolicyKey key) {
		return this.snapshot.get().live(key);
	}

	@Override
	public List<StoredPolicy> list(@Nullable String kind, @Nullable String namespace) {
		return this.snapshot.get().list(kind, namespace);
	}

	@Override
	public List<StoredPolicy> history(PolicyKey key) {
		return this.snapshot.get().history(key);
	}

	@Override
	public Optional<StoredPolicy> revision(PolicyKey key, long resourceVersion) {
		return this.snapshot.get().revision(key, resourceVersion);
	}

	@Override
	public long resourceVersion() {
		return this.snapshot.get().resourceVersion();
	}

	@Override
	public void addListener(Consumer<StoredPolicy> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	@Override
	public void close() {
		this.writeLock.lock();
		try {
			if (!this.closed) {
				this.closed = true;
				release();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Release what the store holds. Called once, with the write lock held.
	 */
	abstract void release();

	/**
	 * Decides the revision a write produces, or refuses it.
	 */
	@FunctionalInterface
	private interface Change {

		StoredPolicy apply(@Nullable StoredPolicy current, long resourceVersion, Instant time);

	}

}
