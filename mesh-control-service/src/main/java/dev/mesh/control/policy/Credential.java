package dev.mesh.control.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A bearer credential of the control service (the admin token of the policy API, the
 * workload token of policy delivery): configured, or generated once and kept in the data
 * directory with owner-only permissions. Compared in constant time.
 */
public final class Credential {

	/**
	 * Name of the file holding a generated admin token.
	 */
	public static final String ADMIN_FILE = "admin-token";

	/**
	 * Name of the file holding a generated workload token.
	 */
	public static final String WORKLOAD_FILE = "workload-token";

	private static final Log logger = LogFactory.getLog(Credential.class);

	private static final int MIN_LENGTH = 16;

	private final byte[] token;

	private Credential(String token, String property) {
		if (token.length() < MIN_LENGTH) {
			throw new IllegalStateException(property + " must be at least " + MIN_LENGTH + " characters");
		}
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the configured credential, or the one generated in the data directory.
	 * @param configured the configured token, possibly {@code null}
	 * @param property name of the property that configures it, for messages
	 * @param dataDirectory the data directory
	 * @param fileName name of the file of a generated token
	 * @return the credential
	 */
	public static Credential resolve(String configured, String property, Path dataDirectory, String fileName) {
		if (configured != null && !configured.isBlank()) {
			return new Credential(configured.strip(), property);
		}
		Path file = dataDirectory.resolve(fileName);
		try {
			Files.createDirectories(dataDirectory);
			if (!Files.exists(file)) {
				byte[] random = new byte[32];
				new SecureRandom().nextBytes(random);
				write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
				logger.info("Generated " + fileName + " (" + property + ") in " + file.toAbsolutePath());
			}
			return new Credential(Files.readString(file, StandardCharsets.UTF_8).strip(), property);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + file, ex);
		}
	}

	private static void write(Path file, String token) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.writeString(file, token, StandardCharsets.UTF_8);
	}

	/**
	 * Whether a presented token is this credential.
	 * @param presented the presented token
	 * @return whether it matches
	 */
	public boolean matches(String presented) {
		return presented != null && MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8));
	}

}
