package dev.mesh.control.policy.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Immutable state of a store: the history of every key and the global resource version. A
 * write produces a new snapshot; a published snapshot is never modified, so readers need
 * no lock.
 */
final class PolicySnapshot {

	static final PolicySnapshot EMPTY = new PolicySnapshot(0, new TreeMap<>());

	private final long resourceVersion;

	private final TreeMap<PolicyKey, List<StoredPolicy>> histories;

	private PolicySnapshot(long resourceVersion, TreeMap<PolicyKey, List<StoredPolicy>> histories) {
		this.resourceVersion = resourceVersion;
		this.histories = histories;
	}

	/**
	 * Build a snapshot from revisions in resource version order, as replayed from
	 * storage.
	 * @param revisions the revisions
	 * @return the snapshot
	 * @throws IllegalArgumentException if the resource versions do not strictly increase
	 */
	static PolicySnapshot of(List<StoredPolicy> revisions) {
		TreeMap<PolicyKey, List<StoredPolicy>> histories = new TreeMap<>();
		long resourceVersion = 0;
		for (StoredPolicy revision : revisions) {
			checkFollows(resourceVersion, revision);
			resourceVersion = revision.resourceVersion();
			histories.computeIfAbsent(revision.key(), (key) -> new ArrayList<>()).add(revision);
		}
		histories.replaceAll((key, history) -> Collections.unmodifiableList(history));
		return new PolicySnapshot(resourceVersion, histories);
	}

	/**
	 * Return a snapshot with one more revision.
	 * @param revision the revision, newer than any in this snapshot
	 * @return the new snapshot
	 */
	PolicySnapshot with(StoredPolicy revision) {
		checkFollows(this.resourceVersion, revision);
		List<StoredPolicy> previous = this.histories.getOrDefault(revision.key(), Collections.emptyList());
		List<StoredPolicy> history = new ArrayList<>(previous.size() + 1);
		history.addAll(previous);
		history.add(revision);
		TreeMap<PolicyKey, List<StoredPolicy>> histories = new TreeMap<>(this.histories);
		histories.put(revision.key(), Collections.unmodifiableList(history));
		return new PolicySnapshot(revision.resourceVersion(), histories);
	}

	private static void checkFollows(long resourceVersion, StoredPolicy revision) {
		if (revision.resourceVersion() <= resourceVersion) {
			throw new IllegalArgumentException("Revision of " + revision.key() + " at resourceVersion "
					+ revision.resourceVersion() + " does not follow resourceVersion " + resourceVersion);
		}
	}

	long resourceVersion() {
		return this.resourceVersion;
	}

	/**
	 * Return the latest revision of a key, tombstones included.
	 * @param key the key
	 * @return the latest revision or {@code null}
	 */
	@Nullable StoredPolicy latest(PolicyKey key) {
		List<StoredPolicy> history = this.histories.get(key);
		return (history != null) ? history.get(history.size() - 1) : null;
	}

	Optional<StoredPolicy> live(PolicyKey key) {
		StoredPolicy latest = latest(key);
		return (latest != null && !latest.deleted()) ? Optional.of(latest) : Optional.empty();
	}

	List<StoredPolicy> list(@Nullable String kind, @Nullable String namespace) {
		List<StoredPolicy> result = new ArrayList<>();
		for (List<StoredPolicy> history : this.histories.values()) {
			StoredPolicy latest = history.get(history.size() - 1);
			PolicyKey key = latest.key();
			if (!latest.deleted() && (kind == null || kind.equals(key.kind()))
					&& (namespace == null || namespace.equals(key.namespace()))) {
				result.add(latest);
			}
		}
		return Collections.unmodifiableList(result);
	}

	List<StoredPolicy> history(PolicyKey key) {
		return this.histories.getOrDefault(key, Collections.emptyList());
	}

	Optional<StoredPolicy> revision(PolicyKey key, long resourceVersion) {
		List<StoredPolicy> history = history(key);
		int low = 0;
		int high = history.size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long found = history.get(middle).resourceVersion();
			if (found == resourceVersion) {
				return Optional.of(history.get(middle));
			}
			if (found < resourceVersion) {
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return Optional.empty();
	}

	/**
	 * Return every revision of every key in resource version order.
	 * @return the revisions
	 */
	List<StoredPolicy> revisions() {
		List<StoredPolicy> revisions = new ArrayList<>();
		for (List<StoredPolicy> history : this.histories.values()) {
			revisions.addAll(history);
		}
		revisions.sort(Comparator.comparingLong(StoredPolicy::resourceVersion));
		return revisions;
	}

}
