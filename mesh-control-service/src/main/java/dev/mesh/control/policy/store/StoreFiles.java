package dev.mesh.control.policy.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The files of a {@link FileJournalPolicyStore} in its directory: the journal, the
 * temporary file compaction writes, and the lock file held while the store is open. Files
 * and the directory are created readable by their owner only where the file system has
 * POSIX permissions.
 */
final class StoreFiles {

	private static final Log logger = LogFactory.getLog(StoreFiles.class);

	private final Path directory;

	private final Path journal;

	private final Path temporary;

	private final boolean posix;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private StoreFiles(Path directory, boolean posix, FileChannel lockChannel, FileLock lock) {
		this.directory = directory;
		this.journal = directory.resolve(FileJournalPolicyStore.JOURNAL);
		this.temporary = directory.resolve(FileJournalPolicyStore.JOURNAL + ".tmp");
		this.posix = posix;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	/**
	 * Create the directory if needed and lock it for this process.
	 * @param directory the directory
	 * @return the files of the store
	 * @throws IllegalStateException if another store holds the lock
	 */
	static StoreFiles lock(Path directory) {
		boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
		Path lockFile = directory.resolve(FileJournalPolicyStore.LOCK);
		FileChannel channel = null;
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, attributes(posix, "rwx------"));
			}
			channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
					attributes(posix, "rw-------"));
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new IllegalStateException("Policy store in " + directory
						+ " is in use by another process or store: " + lockFile + " is locked");
			}
			return new StoreFiles(directory, posix, channel, lock);
		}
		catch (IOException ex) {
			close(channel);
			throw new UncheckedIOException("Could not lock policy store in " + directory, ex);
		}
		catch (RuntimeException ex) {
			close(channel);
			throw ex;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private static FileAttribute<?>[] attributes(boolean posix, String permissions) {
		return (posix)
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

	Path journal() {
		return this.journal;
	}

	FileChannel openJournal() throws IOException {
		return FileChannel.open(this.journal, StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	/**
	 * Write a complete journal holding the given revisions to the temporary file and
	 * force it to disk.
	 * @param revisions the revisions in resource version order
	 * @return the size of the file
	 * @throws IOException on failure
	 */
	long writeTemporary(List<StoredPolicy> revisions) throws IOException {
		try (FileChannel channel = FileChannel.open(this.temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes(this.posix, "rw-------"))) {
			writeFully(channel, JournalFormat.header());
			JournalFormat.encodeBatches(revisions, (payload) -> writeFully(channel, JournalFormat.frame(payload)));
			channel.force(true);
			return channel.size();
		}
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	/**
	 * Atomically replace the journal with the temporary file.
	 * @throws IOException on failure, after which the journal is unchanged
	 */
	void replaceJournal() throws IOException {
		Files.move(this.temporary, this.journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	void deleteTemporary() {
		try {
			Files.deleteIfExists(this.temporary);
		}
		catch (IOException ex) {
			logger.warn("Could not delete " + this.temporary, ex);
		}
	}

	/**
	 * Force the directory to disk, so that a rename in it survives a crash.
	 * @throws IOException on failure
	 */
	void syncDirectory() throws IOException {
		if (!this.posix) {
			// Directories cannot be opened for reading on Windows; NTFS journals renames
			return;
		}
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	void unlock() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			logger.warn("Could not release lock on policy store in " + this.directory, ex);
		}
		close(this.lockChannel);
	}

	static void close(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				logger.warn("Could not close " + closeable, ex);
			}
		}
	}

}
