package dev.mesh.control.policy.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Contract of every {@link PolicyStore}.
 */
abstract class AbstractPolicyStoreTests {

	static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456789Z");

	static final PolicyKey CATALOG = new PolicyKey("ServicePolicy", "shop", "catalog");

	static final PolicyKey PRICING = new PolicyKey("ServicePolicy", "shop", "pricing");

	final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	PolicyStore store;

	@BeforeEach
	void openStore() {
		this.store = createStore(this.clock);
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	abstract PolicyStore createStore(Clock clock);

	@Test
	void startsEmptyAtResourceVersionZero() {
		assertThat(this.store.resourceVersion()).isZero();
		assertThat(this.store.get(CATALOG)).isEmpty();
		assertThat(this.store.list(null, null)).isEmpty();
		assertThat(this.store.history(CATALOG)).isEmpty();
	}

	@Test
	void createStoresRevisionWithAuthorAndTime() {
		StoredPolicy created = this.store.create(CATALOG, "{\"a\":1}", "alice");
		assertThat(created).isEqualTo(new StoredPolicy(CATALOG, "{\"a\":1}", 1, "alice", NOW, false));
		assertThat(this.store.get(CATALOG)).contains(created);
		assertThat(this.store.resourceVersion()).isOne();
	}

	@Test
	void everyWriteBumpsTheGlobalResourceVersionByOne() {
		StoredPolicy catalog = this.store.create(CATALOG, "{}", "alice");
		StoredPolicy pricing = this.store.create(PRICING, "{}", "bob");
		StoredPolicy replaced = this.store.replace(CATALOG, "{\"a\":1}", "alice", catalog.resourceVersion());
		StoredPolicy deleted = this.store.delete(PRICING, "bob", pricing.resourceVersion());
		assertThat(List.of(catalog, pricing, replaced, deleted)).extracting(StoredPolicy::resourceVersion)
			.containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.store.resourceVersion()).isEqualTo(4);
	}

	@Test
	void createOfExistingDocumentConflicts() {
		this.store.create(CATALOG, "{}", "alice");
		assertThatExceptionOfType(PolicyConflictException.class)
			.isThrownBy(() -> this.store.create(CATALOG, "{\"a\":1}", "bob"))
			.withMessage("ServicePolicy shop/catalog already exists at resourceVersion 1")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(CATALOG))
			.satisfies((ex) -> assertThat(ex.getResourceVersion()).isOne());
		assertThat(this.store.resourceVersion()).isOne();
	}

	@Test
	void replaceWithCurrentResourceVersionStoresNewRevision() {
		StoredPolicy created = this.store.create(CATALOG, "{}", "alice");
		StoredPolicy replaced = this.store.replace(CATALOG, "{\"a\":1}", "bob", created.resourceVersion());
		assertThat(replaced).isEqualTo(new StoredPolicy(CATALOG, "{\"a\":1}", 2, "bob", NOW, false));
		assertThat(this.store.get(CATALOG)).contains(replaced);
	}

	@Test
	void replaceWithStaleResourceVersionConflictsAndChangesNothing() {
		this.store.create(CATALOG, "{}", "alice");
		this.store.create(PRICING, "{}", "alice");
		StoredPolicy current = this.store.replace(CATALOG, "{\"a\":1}", "alice", 1);
		assertThatExceptionOfType(PolicyConflictException.class)
			.isThrownBy(() -> this.store.replace(CATALOG, "{\"a\":2}", "bob", 1))
			.withMessage("ServicePolicy shop/catalog was modified: resourceVersion is 3, not 1")
			.satisfies((ex) -> assertThat(ex.getResourceVersion()).isEqualTo(3));
		assertThat(this.store.get(CATALOG)).contains(current);
		assertThat(this.store.resourceVersion()).isEqualTo(3);
	}

	@Test
	void replaceOfMissingOrDeletedDocumentIsNotFound() {
		assertThatExceptionOfType(PolicyNotFoundException.class)
			.isThrownBy(() -> this.store.replace(CATALOG, "{}", "alice", 0))
			.withMessage("ServicePolicy shop/catalog not found at resourceVersion 0")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(CATALOG));
		this.store.create(CATALOG, "{}", "alice");
		this.store.delete(CATALOG, "alice", 1);
		assertThatExceptionOfType(PolicyNotFoundException.class)
			.isThrownBy(() -> this.store.replace(CATALOG, "{}", "alice", 2))
			.satisfies((ex) -> assertThat(ex.getResourceVersion()).isEqualTo(2));
	}

	@Test
	void deleteRecordsTombstoneAndKeepsHistory() {
		StoredPolicy created = this.store.create(CATALOG, "{}", "alice");
		StoredPolicy tombstone = this.store.delete(CATALOG, "bob", created.resourceVersion());
		assertThat(tombstone).isEqualTo(new StoredPolicy(CATALOG, null, 2, "bob", NOW, true));
		assertThat(this.store.get(CATALOG)).isEmpty();
		assertThat(this.store.list(null, null)).isEmpty();
		assertThat(this.store.history(CATALOG)).containsExactly(created, tombstone);
		assertThat(this.store.revision(CATALOG, 2)).contains(tombstone);
	}

	@Test
	void deleteWithStaleResourceVersionConflicts() {
		this.store.create(CATALOG, "{}", "alice");
		this.store.replace(CATALOG, "{\"a\":1}", "alice", 1);
		assertThatExceptionOfType(PolicyConflictException.class).isThrownBy(() -> this.store.delete(CATALOG, "bob", 1))
			.withMessage("ServicePolicy shop/catalog was modified: resourceVersion is 2, not 1");
		assertThat(this.store.get(CATALOG)).isPresent();
	}

	@Test
	void deleteWithNegativeResourceVersionIsUnconditional() {
		this.store.create(CATALOG, "{}", "alice");
		this.store.replace(CATALOG, "{\"a\":1}", "alice", 1);
		assertThat(this.store.delete(CATALOG, "bob", -1).deleted()).isTrue();
		assertThatExceptionOfType(PolicyNotFoundException.class)
			.isThrownBy(() -> this.store.delete(CATALOG, "bob", -1));
	}

	@Test
	void createAfterDeleteContinuesHistory() {
		this.store.create(CATALOG, "{\"v\":1}", "alice");
		this.store.delete(CATALOG, "alice", 1);
		StoredPolicy recreated = this.store.create(CATALOG, "{\"v\":2}", "bob");
		assertThat(this.store.get(CATALOG)).contains(recreated);
		assertThat(this.store.history(CATALOG)).extracting(StoredPolicy::resourceVersion, StoredPolicy::deleted)
			.containsExactly(tuple(1L, false), tuple(2L, true), tuple(3L, false));
	}

	@Test
	void listFiltersByKindAndNamespaceAndSortsByKey() {
		PolicyKey access = new PolicyKey("AccessPolicy", "shop", "catalog");
		PolicyKey ops = new PolicyKey("ServicePolicy", "ops", "metrics");
		PolicyKey gone = new PolicyKey("ServicePolicy", "shop", "gone");
		for (PolicyKey key : List.of(PRICING, gone, ops, CATALOG, access)) {
			this.store.create(key, "{}", "alice");
		}
		this.store.delete(gone, "alice", -1);
		assertThat(this.store.list(null, null)).extracting(StoredPolicy::key)
			.containsExactly(access, ops, CATALOG, PRICING);
		assertThat(this.store.list("ServicePolicy", null)).extracting(StoredPolicy::key)
			.containsExactly(ops, CATALOG, PRICING);
		assertThat(this.store.list(null, "shop")).extracting(StoredPolicy::key)
			.containsExactly(access, CATALOG, PRICING);
		assertThat(this.store.list("ServicePolicy", "shop")).extracting(StoredPolicy::key)
			.containsExactly(CATALOG, PRICING);
		assertThat(this.store.list("RoutePolicy", null)).isEmpty();
	}

	@Test
	void revisionFindsEveryRevisionOfItsKeyOnly() {
		StoredPolicy current = this.store.create(CATALOG, "{\"v\":0}", "alice");
		for (int i = 1; i < 5; i++) {
			this.store.create(new PolicyKey("ServicePolicy", "shop", "other-" + i), "{}", "alice");
			current = this.store.replace(CATALOG, "{\"v\":" + i + "}", "alice", current.resourceVersion());
		}
		List<StoredPolicy> history = this.store.history(CATALOG);
		assertThat(history).extracting(StoredPolicy::resourceVersion).containsExactly(1L, 3L, 5L, 7L, 9L);
		for (StoredPolicy revision : history) {
			assertThat(this.store.revision(CATALOG, revision.resourceVersion())).contains(revision);
		}
		assertThat(this.store.revision(CATALOG, 2)).isEmpty();
		assertThat(this.store.revision(CATALOG, 10)).isEmpty();
		assertThat(this.store.revision(PRICING, 1)).isEmpty();
	}

	@Test
	void rollbackIsReplaceWithDocumentOfEarlierRevision() {
		this.store.create(CATALOG, "{\"v\":1}", "alice");
		StoredPolicy bad = this.store.replace(CATALOG, "{\"v\":2}", "bob", 1);
		String good = this.store.revision(CATALOG, 1).orElseThrow().document();
		StoredPolicy rolledBack = this.store.replace(CATALOG, good, "carol", bad.resourceVersion());
		assertThat(this.store.get(CATALOG).orElseThrow().document()).isEqualTo("{\"v\":1}");
		assertThat(this.store.history(CATALOG)).extracting(StoredPolicy::author)
			.containsExactly("alice", "bob", "carol");
		assertThat(rolledBack.resourceVersion()).isEqualTo(3);
	}

	@Test
	void readsAreSnapshotsThatLaterWritesDoNotChange() {
		this.store.create(CATALOG, "{}", "alice");
		List<StoredPolicy> history = this.store.history(CATALOG);
		List<StoredPolicy> list = this.store.list(null, null);
		this.store.replace(CATALOG, "{\"a\":1}", "alice", 1);
		this.store.create(PRICING, "{}", "alice");
		assertThat(history).hasSize(1);
		assertThat(list).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> history.add(history.get(0)));
	}

	@Test
	void listenersSeeEachDurableWriteInCommitOrder() {
		List<Long> seen = new ArrayList<>();
		this.store.addListener((revision) -> seen.add(revision.resourceVersion()));
		this.store.addListener((revision) -> {
			throw new IllegalStateException("listener failure is logged, not propagated");
		});
		this.store.create(CATALOG, "{}", "alice");
		assertThatExceptionOfType(PolicyConflictException.class)
			.isThrownBy(() -> this.store.create(CATALOG, "{}", "alice"));
		this.store.create(PRICING, "{}", "alice");
		this.store.delete(CATALOG, "alice", 1);
		assertThat(seen).containsExactly(1L, 2L, 3L);
	}

	@Test
	void rejectsInvalidArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.create(CATALOG, " ", "alice"))
			.withMessage("'document' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.create(CATALOG, "{}", ""))
			.withMessage("'author' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.create(null, "{}", "alice"))
			.withMessage("'key' must not be null");
		String huge = "x".repeat(AbstractPolicyStore.MAX_DOCUMENT_LENGTH + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.create(CATALOG, huge, "alice"))
			.withMessageContaining("must not be longer than");
		assertThat(this.store.resourceVersion()).isZero();
	}

	@Test
	void closedStoreRefusesWritesButStillReads() {
		this.store.create(CATALOG, "{}", "alice");
		this.store.close();
		assertThatIllegalStateException().isThrownBy(() -> this.store.create(PRICING, "{}", "alice"))
			.withMessage("Policy store is closed");
		assertThat(this.store.get(CATALOG)).isPresent();
	}

}
