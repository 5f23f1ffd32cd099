package dev.mesh.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.document.WorkloadSnapshots;

/**
 * The last applied policy snapshot of one service, as a JSON file on local disk. Writes
 * are atomic (a temporary file in the same directory, flushed to the disk, then renamed
 * over the old one), so a crash leaves either the old snapshot or the new one, never a
 * torn file.
 */
final class PolicyCache {

	/**
	 * Largest cache file read.
	 */
	static final long MAX_SIZE = 16 * 1024 * 1024;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Path file;

	PolicyCache(Path directory, String service) {
		this.file = directory.resolve("policy-" + service + ".json").toAbsolutePath();
	}

	Path file() {
		return this.file;
	}

	boolean exists() {
		return Files.exists(this.file);
	}

	/**
	 * Read the cached snapshot and check that it binds exactly as a pushed one must.
	 * @return the snapshot, {@code null} when nothing is cached
	 * @throws IOException when the file cannot be read or is not a snapshot
	 * @throws dev.mesh.policy.document.PolicyViolationException when the snapshot does
	 * not bind
	 */
	PolicySnapshot read() throws IOException {
		byte[] content;
		try {
			if (Files.size(this.file) > MAX_SIZE) {
				throw new IOException("larger than " + MAX_SIZE + " bytes");
			}
			content = Files.readAllBytes(this.file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		PolicySnapshot snapshot;
		try {
			snapshot = this.json.readValue(content, PolicySnapshot.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new IOException("not a policy snapshot: " + ex.getMessage(), ex);
		}
		if (snapshot == null) {
			throw new IOException("not a policy snapshot");
		}
		WorkloadSnapshots.bindStrictly(snapshot.properties());
		return snapshot;
	}

	/**
	 * Replace the cached snapshot.
	 * @param snapshot the snapshot
	 * @throws IOException when it cannot be written
	 */
	void write(PolicySnapshot snapshot) throws IOException {
		Path directory = this.file.getParent();
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, this.file.getFileName().toString(), ".tmp");
		try {
			ByteBuffer content = ByteBuffer.wrap(this.json.writeValueAsBytes(snapshot));
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				while (content.hasRemaining()) {
					channel.write(content);
				}
				channel.force(true);
			}
			Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		syncDirectory(directory);
	}

	/**
	 * Make the rename durable. Not every platform can open a directory; there the rename
	 * is as durable as the file system makes it.
	 */
	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Best effort, see above.
		}
	}

}
