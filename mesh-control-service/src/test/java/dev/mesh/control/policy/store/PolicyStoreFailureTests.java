package dev.mesh.control.policy.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PolicyStoreFailureTests {

	private static final PolicyKey CATALOG = new PolicyKey("ServicePolicy", "shop", "catalog");

	private static final PolicyKey PRICING = new PolicyKey("ServicePolicy", "shop", "pricing");

	private final FailingStore store = new FailingStore();

	private final List<StoredPolicy> notified = new ArrayList<>();

	PolicyStoreFailureTests() {
		this.store.addListener(this.notified::add);
	}

	@Test
	void writeThatCouldNotBeMadeDurableIsNotPublishedAndStopsLaterWrites() {
		this.store.create(CATALOG, "{}", "alice");
		this.store.failPersist = true;
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.store.replace(CATALOG, "{\"a\":1}", "alice", 1))
			.withMessageStartingWith("Could not store ServicePolicy shop/catalog at resourceVersion 2");
		this.store.failPersist = false;
		assertThat(this.store.resourceVersion()).isOne();
		assertThat(this.store.get(CATALOG).orElseThrow().document()).isEqualTo("{}");
		assertThatIllegalStateException().isThrownBy(() -> this.store.create(PRICING, "{}", "alice"))
			.withMessage("Policy store accepts no more writes after a failed write; restart to recover")
			.withCauseInstanceOf(IOException.class);
		assertThat(this.notified).extracting(StoredPolicy::resourceVersion).containsExactly(1L);
	}

	@Test
	void failedMaintenanceKeepsTheDurableWriteButStopsLaterWrites() {
		this.store.failMaintain = true;
		StoredPolicy created = this.store.create(CATALOG, "{}", "alice");
		assertThat(this.store.get(CATALOG)).contains(created);
		assertThat(this.notified).containsExactly(created);
		assertThatIllegalStateException().isThrownBy(() -> this.store.create(PRICING, "{}", "alice"));
		assertThat(this.store.resourceVersion()).isOne();
	}

	static final class FailingStore extends AbstractPolicyStore {

		boolean failPersist;

		boolean failMaintain;

		FailingStore() {
			super(Clock.systemUTC(), PolicySnapshot.EMPTY);
		}

		@Override
		void persist(StoredPolicy revision) throws IOException {
			if (this.failPersist) {
				throw new IOException("disk on fire");
			}
		}

		@Override
		void maintain(PolicySnapshot snapshot) throws IOException {
			if (this.failMaintain) {
				throw new IOException("disk full");
			}
		}

		@Override
		void release() {
		}

	}

}
