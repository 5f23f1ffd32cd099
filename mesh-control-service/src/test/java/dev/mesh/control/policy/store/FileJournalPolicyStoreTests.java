package dev.mesh.control.policy.store;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileJournalPolicyStoreTests extends AbstractPolicyStoreTests {

	@TempDir
	Path directory;

	@Override
	PolicyStore createStore(Clock clock) {
		return new FileJournalPolicyStore(this.directory.resolve("store"), clock, 1024 * 1024);
	}

	@Test
	void reopenedStoreHasTheSameStateAndHistory() {
		StoredPolicy catalog = this.store.create(CATALOG, "{\"v\":1}", "alice");
		this.store.replace(CATALOG, "{\"v\":\"\u00e9t\u00e9 \u2603\"}", "bob", catalog.resourceVersion());
		this.store.create(PRICING, "{}", "alice");
		this.store.delete(PRICING, "carol", -1);
		this.store.close();
		try (PolicyStore reopened = createStore(Clock.systemUTC())) {
			assertThat(reopened.resourceVersion()).isEqualTo(4);
			assertThat(reopened.history(CATALOG)).isEqualTo(this.store.history(CATALOG));
			assertThat(reopened.history(PRICING)).isEqualTo(this.store.history(PRICING));
			assertThat(reopened.list(null, null)).isEqualTo(this.store.list(null, null));
			assertThat(reopened.create(PRICING, "{}", "dave").resourceVersion()).isEqualTo(5);
		}
	}

}
