package dev.mesh.control.policy.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FileJournalPolicyStoreRecoveryTests {

	@TempDir
	Path directory;

	@Test
	void tornTailIsCutOffAndEveryCompleteRecordKept() throws IOException {
		List<Long> ends = writeRecords(5);
		long lastStart = ends.get(3);
		truncate(lastStart + (ends.get(4) - lastStart) / 2);
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(4);
			assertThat(store.history(key(3))).hasSize(1);
			assertThat(store.create(key(4), document(4), "again").resourceVersion()).isEqualTo(5);
		}
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.get(key(4)).orElseThrow().author()).isEqualTo("again");
		}
	}

	@Test
	void garbageAfterTheLastRecordIsCutOff() throws IOException {
		List<Long> ends = writeRecords(3);
		append(new byte[] { 0, 0, 1, 0, 1, 2, 3, 4, 1, 42 });
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(3);
		}
		assertThat(Files.size(journal())).isEqualTo(ends.get(2));
	}

	@Test
	void zeroedTailIsCutOff() throws IOException {
		writeRecords(3);
		append(new byte[4096]);
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(3);
		}
	}

	@Test
	void damagedRecordFollowedByValidOnesRefusesToOpen() throws IOException {
		List<Long> ends = writeRecords(5);
		long offset = ends.get(1);
		flipByte(offset + JournalFormat.FRAME_HEADER_LENGTH + 20);
		assertThatIllegalStateException().isThrownBy(this::open)
			.withMessage("Policy journal " + journal() + " is corrupt at offset " + offset
					+ ": a damaged record is followed by valid ones; refusing to open it");
		flipByte(offset + JournalFormat.FRAME_HEADER_LENGTH + 20);
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(5);
		}
	}

	@Test
	void fileThatIsNotAJournalRefusesToOpen() throws IOException {
		Files.createDirectories(this.directory);
		Files.writeString(journal(), "not a journal");
		assertThatIllegalStateException().isThrownBy(this::open)
			.withMessage("File " + journal() + " is not a policy journal");
	}

	@Test
	void compactionKeepsEveryRevisionAndSurvivesReopen() throws IOException {
		List<List<StoredPolicy>> histories;
		try (FileJournalPolicyStore store = new FileJournalPolicyStore(this.directory, Clock.systemUTC(), 16 * 1024)) {
			StoredPolicy current = store.create(key(0), document(0), "alice");
			for (int i = 1; i < 300; i++) {
				store.create(key(i), document(i), "bob");
				current = store.replace(key(0), document(i), "alice", current.resourceVersion());
				if (i % 3 == 0) {
					store.delete(key(i), "carol", -1);
				}
			}
			assertThat(store.compactions()).isGreaterThan(1);
			assertThat(Files.size(journal())).isLessThan(16 * 1024 * 4);
			histories = store.list(null, null).stream().map((policy) -> store.history(policy.key())).toList();
			assertThat(store.history(key(0))).hasSize(300);
		}
		assertThat(this.directory.resolve(FileJournalPolicyStore.JOURNAL + ".tmp")).doesNotExist();
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(300 + 299 + 99);
			assertThat(store.list(null, null).stream().map((policy) -> store.history(policy.key())).toList())
				.isEqualTo(histories);
			assertThat(store.history(key(3))).extracting(StoredPolicy::deleted).containsExactly(false, true);
		}
	}

	@Test
	void leftoverFileOfAnInterruptedCompactionIsIgnored() throws IOException {
		writeRecords(2);
		Files.writeString(this.directory.resolve(FileJournalPolicyStore.JOURNAL + ".tmp"), "half a compaction");
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isEqualTo(2);
		}
		assertThat(this.directory.resolve(FileJournalPolicyStore.JOURNAL + ".tmp")).doesNotExist();
	}

	@Test
	void secondStoreOnTheSameDirectoryFailsFast() {
		try (FileJournalPolicyStore store = open()) {
			assertThatIllegalStateException().isThrownBy(this::open)
				.withMessageContaining("is in use by another process or store");
			assertThat(store.create(key(0), document(0), "alice").resourceVersion()).isOne();
		}
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isOne();
		}
	}

	@Test
	void invalidSettingsAreRejectedBeforeTheDirectoryIsLocked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FileJournalPolicyStore(this.directory, Clock.systemUTC(), 0))
			.withMessage("'compactionThreshold' must be positive");
		try (FileJournalPolicyStore store = open()) {
			assertThat(store.resourceVersion()).isZero();
		}
	}

	@Test
	void directoryAndFilesAreReadableByTheOwnerOnly() throws IOException {
		Path nested = this.directory.resolve("data/policies");
		try (FileJournalPolicyStore store = new FileJournalPolicyStore(nested)) {
			store.create(key(0), document(0), "alice");
		}
		if (nested.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
			assertThat(PosixFilePermissions
				.toString(Files.getPosixFilePermissions(nested.resolve(FileJournalPolicyStore.JOURNAL))))
				.isEqualTo("rw-------");
		}
	}

	private FileJournalPolicyStore open() {
		return new FileJournalPolicyStore(this.directory, Clock.systemUTC(), 1024 * 1024);
	}

	private List<Long> writeRecords(int count) throws IOException {
		List<Long> ends = new ArrayList<>();
		try (FileJournalPolicyStore store = open()) {
			for (int i = 0; i < count; i++) {
				store.create(key(i), document(i), "alice");
				ends.add(Files.size(journal()));
			}
		}
		return ends;
	}

	private Path journal() {
		return this.directory.resolve(FileJournalPolicyStore.JOURNAL);
	}

	private void truncate(long size) throws IOException {
		try (FileChannel channel = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
			channel.truncate(size);
		}
	}

	private void append(byte[] bytes) throws IOException {
		Files.write(journal(), bytes, StandardOpenOption.APPEND);
	}

	private void flipByte(long offset) throws IOException {
		try (FileChannel channel = FileChannel.open(journal(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.allocate(1);
			channel.read(buffer, offset);
			buffer.put(0, (byte) (buffer.get(0) ^ 0x5A));
			buffer.rewind();
			channel.write(buffer, offset);
		}
	}

	private static PolicyKey key(int i) {
		return new PolicyKey("ServicePolicy", "shop", "policy-" + i);
	}

	private static String document(int i) {
		return "{\"spec\":{\"timeout\":\"" + i + "s\",\"note\":\"" + "lorem ipsum ".repeat(i % 20) + "\"}}";
	}

}
