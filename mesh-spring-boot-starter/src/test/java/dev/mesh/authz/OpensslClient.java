package dev.mesh.authz;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openssl s_client} as a caller from outside the JVM: it presents a certificate
 * written as PEM files, verifies the server against the root, sends one request and
 * returns the raw answer.
 */
final class OpensslClient {

	private final Path directory;

	private final int port;

	OpensslClient(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	static boolean installed() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String entry : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(entry, "openssl"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Send a GET request presenting a certificate.
	 * @param name the base name of the PEM files of the certificate and key
	 * @param path the request path
	 * @return the raw HTTP answer
	 * @throws IOException if openssl cannot be run
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	String get(String name, String path) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + this.port,
				"-cert", this.directory.resolve(name + ".crt").toString(), "-key",
				this.directory.resolve(name + ".key").toString(), "-CAfile",
				this.directory.resolve("root.crt").toString(), "-verify_return_error", "-quiet"))
			.redirectError(this.directory.resolve(name + ".stderr").toFile())
			.start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		}
		String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl s_client exited").isTrue();
		return answer.strip();
	}

}
