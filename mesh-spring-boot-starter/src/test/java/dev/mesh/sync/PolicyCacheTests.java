package dev.mesh.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.document.PolicyViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyCacheTests {

	@TempDir
	Path directory;

	@Test
	void readsBackTheLastSnapshotWritten() throws IOException {
		PolicyCache cache = new PolicyCache(this.directory.resolve("nested/cache"), "catalog");
		cache.write(new PolicySnapshot(1, Map.of("mesh.outbound.defaults.timeout", "1s")));
		PolicySnapshot latest = new PolicySnapshot(2, Map.of("mesh.outbound.defaults.timeout", "2s"));
		cache.write(latest);
		assertThat(cache.read()).isEqualTo(latest);
		assertThat(cache.file()).hasFileName("policy-catalog.json");
		try (Stream<Path> files = Files.list(cache.file().getParent())) {
			assertThat(files).containsExactly(cache.file());
		}
	}

	@Test
	void readsNothingWhenNothingIsCached() throws IOException {
		assertThat(new PolicyCache(this.directory, "catalog").read()).isNull();
	}

	@Test
	void refusesAFileThatIsNotASnapshot() throws IOException {
		PolicyCache cache = new PolicyCache(this.directory, "catalog");
		Files.writeString(cache.file(), "{\"version\":");
		assertThatExceptionOfType(IOException.class).isThrownBy(cache::read).withMessageContaining("not a policy");
	}

	@Test
	void refusesASnapshotThatDoesNotBind() throws IOException {
		PolicyCache cache = new PolicyCache(this.directory, "catalog");
		Files.writeString(cache.file(), "{\"version\":3,\"properties\":{\"mesh.outbound.defaults.timeout\":\"#{1}\"}}");
		assertThatExceptionOfType(PolicyViolationException.class).isThrownBy(cache::read)
			.withMessageContaining("mesh.outbound.defaults.timeout");
	}

}
