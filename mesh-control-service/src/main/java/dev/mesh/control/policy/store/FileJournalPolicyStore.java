package dev.mesh.control.policy.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

/**
 * A {@link PolicyStore} backed by an append-only journal in a directory of its own. Each
 * write appends one checksummed record and forces it to disk before it returns; on open,
 * the journal is replayed and the torn tail of an append interrupted by a crash is cut
 * off. When the journal has grown past a threshold (and to twice its size after the last
 * compaction), it is compacted: every revision is written, deflated, to a new file that
 * atomically replaces the journal. A lock file keeps a second store, in this process or
 * another, from opening the same directory.
 *
 * @see JournalFormat
 */
public final class FileJournalPolicyStore extends AbstractPolicyStore {

	/**
	 * Default size of the journal from which it is compacted: 8 MiB.
	 */
	public static final long DEFAULT_COMPACTION_THRESHOLD = 8 * 1024 * 1024;

	static final String JOURNAL = "policies.journal";

	static final String LOCK = "store.lock";

	private static final Log logger = LogFactory.getLog(FileJournalPolicyStore.class);

	private final StoreFiles files;

	private final long compactionThreshold;

	private FileChannel journal;

	private long size;

	private long compactedSize;

	private int compactions;

	/**
	 * Open the store in a directory, creating both if needed, with the system clock and
	 * the default compaction threshold.
	 * @param directory the directory, used by this store alone
	 */
	public FileJournalPolicyStore(Path directory) {
		this(directory, Clock.systemUTC(), DEFAULT_COMPACTION_THRESHOLD);
	}

	/**
	 * Open the store in a directory, creating both if needed.
	 * @param directory the directory, used by this store alone
	 * @param clock the clock that dates revisions
	 * @param compactionThreshold the size of the journal in bytes from which it is
	 * compacted
	 * @throws IllegalStateException if another store holds the directory, or the journal
	 * is corrupt
	 * @throws UncheckedIOException if the files cannot be read or written
	 */
	public FileJournalPolicyStore(Path directory, Clock clock, long compactionThreshold) {
		this(open(directory, clock, compactionThreshold), clock, compactionThreshold);
	}

	private FileJournalPolicyStore(Opened opened, Clock clock, long compactionThreshold) {
		super(clock, opened.snapshot());
		this.files = opened.files();
		this.journal = opened.journal();
		this.size = opened.size();
		this.compactionThreshold = compactionThreshold;
	}

	private static Opened open(Path directory, Clock clock, long compactionThreshold) {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(compactionThreshold > 0, "'compactionThreshold' must be positive");
		return Opened.open(directory);
	}

	@Override
	void persist(StoredPolicy revision) throws IOException {
		ByteBuffer frame = JournalFormat.frame(JournalFormat.encode(revision));
		long position = this.size;
		while (frame.hasRemaining()) {
			position += this.journal.write(frame, position);
		}
		this.journal.force(true);
		this.size = position;
	}

	@Override
	void maintain(PolicySnapshot snapshot) throws IOException {
		if (this.size >= this.compactionThreshold && this.size >= 2 * this.compactedSize) {
			compact(snapshot.revisions());
		}
	}

	private void compact(List<StoredPolicy> revisions) throws IOException {
		long before = this.size;
		long written;
		try {
			written = this.files.writeTemporary(revisions);
			this.files.replaceJournal();
		}
		catch (IOException ex) {
			// The journal is untouched: keep appending to it, try again once it has
			// doubled
			this.files.deleteTemporary();
			this.compactedSize = this.size;
			logger.warn("Could not compact policy journal " + this.files.journal() + "; appending to it as it is", ex);
			return;
		}
		// From here on the new journal is in place; failures are fatal to the store
		this.files.syncDirectory();
		FileChannel previous = this.journal;
		this.journal = this.files.openJournal();
		previous.close();
		this.size = written;
		this.compactedSize = written;
		this.compactions++;
		logger.info("Compacted policy journal " + this.files.journal() + " from " + before + " to " + written
				+ " bytes (" + revisions.size() + " revisions)");
	}

	/**
	 * Return how many times the journal was compacted since the store was opened.
	 * @return the number of compactions
	 */
	int compactions() {
		return this.compactions;
	}

	@Override
	void release() {
		try {
			this.journal.close();
		}
		catch (IOException ex) {
			logger.warn("Could not close policy journal " + this.files.journal(), ex);
		}
		this.files.unlock();
	}

	/**
	 * Files of a store that was opened and replayed.
	 */
	private record Opened(StoreFiles files, FileChannel journal, long size, PolicySnapshot snapshot) {

		static Opened open(Path directory) {
			StoreFiles files = StoreFiles.lock(directory);
			try {
				// A temporary file is a compaction that did not finish: the journal is
				// whole
				files.deleteTemporary();
				if (!Files.exists(files.journal())) {
					files.writeTemporary(List.of());
					files.replaceJournal();
					files.syncDirectory();
				}
				return replay(files);
			}
			catch (IOException ex) {
				files.unlock();
				throw new UncheckedIOException("Could not open policy store in " + directory, ex);
			}
			catch (RuntimeException ex) {
				files.unlock();
				throw ex;
			}
		}

		private static Opened replay(StoreFiles files) throws IOException {
			FileChannel journal = files.openJournal();
			try {
				JournalReader.Replay replay = JournalReader.read(files.journal(), journal);
				if (replay.torn()) {
					logger.warn("Dropped the torn tail of policy journal " + files.journal() + ": "
							+ (replay.length() - replay.validLength()) + " bytes at offset " + replay.validLength()
							+ ", left by a write that was interrupted before it was acknowledged");
					journal.truncate(replay.validLength());
					journal.force(true);
				}
				PolicySnapshot snapshot = PolicySnapshot.of(replay.revisions());
				logger.debug("Opened policy journal " + files.journal() + " at resourceVersion "
						+ snapshot.resourceVersion());
				return new Opened(files, journal, replay.validLength(), snapshot);
			}
			catch (IOException | RuntimeException ex) {
				StoreFiles.close(journal);
				throw ex;
			}
		}

	}

}
