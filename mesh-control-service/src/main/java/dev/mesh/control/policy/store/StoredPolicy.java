package dev.mesh.control.policy.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * One revision of a policy document as stored: the document itself or, for a deletion, a
 * tombstone that keeps the history of the key.
 *
 * @param key the key of the document
 * @param document the canonical document, {@code null} for a tombstone
 * @param resourceVersion the global resource version of the store at the write that
 * produced this revision
 * @param author who made the change
 * @param time when the change was made
 * @param deleted whether this revision is a tombstone
 */
public record StoredPolicy(PolicyKey key, @Nullable String document, long resourceVersion, String author, Instant time,
		boolean deleted) {

	public StoredPolicy {
		Assert.notNull(key, "'key' must not be null");
		Assert.isTrue(resourceVersion > 0, "'resourceVersion' must be positive");
		Assert.hasText(author, "'author' must not be empty");
		Assert.notNull(time, "'time' must not be null");
		if (deleted) {
			Assert.isNull(document, "'document' must be null for a tombstone");
		}
		else {
			Assert.hasText(document, "'document' must not be empty");
		}
	}

	static StoredPolicy live(PolicyKey key, String document, long resourceVersion, String author, Instant time) {
		return new StoredPolicy(key, document, resourceVersion, author, time, false);
	}

	static StoredPolicy tombstone(PolicyKey key, long resourceVersion, String author, Instant time) {
		return new StoredPolicy(key, null, resourceVersion, author, time, true);
	}

	@Override
	public String toString() {
		return this.key + " at resourceVersion " + this.resourceVersion + ((this.deleted) ? " (deleted)" : "") + " by "
				+ this.author + " at " + this.time;
	}

}
