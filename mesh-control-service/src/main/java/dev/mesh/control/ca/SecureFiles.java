package dev.mesh.control.ca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Files of the certificate authority: a directory and files readable by their owner only
 * (where the file system has POSIX permissions), each file replaced atomically so that a
 * crash leaves either the old content or the new one.
 */
final class SecureFiles {

	private static final Log logger = LogFactory.getLog(SecureFiles.class);

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private final Path directory;

	private final boolean posix;

	/**
	 * Create the directory (owner-only) if it does not exist.
	 * @param directory the directory
	 * @throws IOException if it cannot be created
	 */
	SecureFiles(Path directory) throws IOException {
		this.directory = directory;
		this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
		if (!Files.isDirectory(directory)) {
			Files.createDirectories(directory, attributes("rwx------"));
		}
	}

	Path directory() {
		return this.directory;
	}

	Path resolve(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Replace a file atomically: write a temporary file (owner-only) in the same
	 * directory, force it to disk, rename it over the file and force the directory.
	 * @param name the file name
	 * @param content the new content
	 * @throws IOException on failure, after which the file is unchanged
	 */
	void write(String name, byte[] content) throws IOException {
		Path temporary = this.directory.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes("rw-------"))) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temporary, this.directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			syncDirectory();
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Log a warning when a file can be read or written by others than its owner.
	 * @param file the file
	 */
	void warnIfShared(Path file) {
		if (!this.posix) {
			return;
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
				logger.warn(file + " is accessible to others than its owner ("
						+ PosixFilePermissions.toString(permissions) + "): run chmod 600 on it");
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot read the permissions of " + file, ex);
		}
	}

	private void syncDirectory() throws IOException {
		if (!this.posix) {
			// Directories cannot be opened for reading on Windows; NTFS journals renames
			return;
		}
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private FileAttribute<?>[] attributes(String permissions) {
		return (this.posix)
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

}
