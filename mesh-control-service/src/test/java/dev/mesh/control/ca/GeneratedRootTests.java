package dev.mesh.control.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.policy.identity.WorkloadCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GeneratedRootTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	@TempDir
	Path data;

	@Test
	void generatesAnEcdsaRootOnceAndReusesItAfterARestart() throws IOException {
		CaCredentials first = GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(3650), NOW);
		CaCredentials second = GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(3650),
				NOW.plus(Duration.ofDays(1)));
		assertThat(second.certificate()).isEqualTo(first.certificate());
		assertThat(second.privateKey()).isEqualTo(first.privateKey());
		assertThat(first.root()).isSameAs(first.certificate());
		assertThat(first.intermediates()).isEmpty();
		assertThat(first.certificate().getSubjectX500Principal().getName()).contains("CN=mesh root CA cluster.local");
		assertThat(((ECPublicKey) first.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
			.isEqualTo(256);
		assertThat(WorkloadCertificates.isCertificateAuthority(first.certificate())).isTrue();
		assertThat(first.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
	}

	@Test
	void keepsTheRootReadableByItsOwnerOnly() throws IOException {
		GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(30), NOW);
		Path directory = this.data.resolve("ca");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(GeneratedRoot.FILE))))
			.isEqualTo("rw-------");
		assertThat(Files.readString(directory.resolve(GeneratedRoot.FILE))).contains("-----BEGIN CERTIFICATE-----")
			.contains("-----BEGIN PRIVATE KEY-----");
		try (var listing = Files.list(directory)) {
			assertThat(listing).extracting((path) -> path.getFileName().toString()).containsExactly(GeneratedRoot.FILE);
		}
	}

	@Test
	void refusesToStartWithAnExpiredRoot() throws IOException {
		GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(30), NOW);
		assertThatIllegalStateException()
			.isThrownBy(() -> GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(30),
					NOW.plus(Duration.ofDays(31))))
			.withMessageContaining("expired at")
			.withMessageContaining("mesh.ca.certificate");
	}

	@Test
	void refusesARootWhoseKeyWasReplaced() throws IOException {
		GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(30), NOW);
		Path file = this.data.resolve("ca").resolve(GeneratedRoot.FILE);
		String pem = Files.readString(file);
		String otherKey = TestPki.pem(TestPki.ec().getPrivate());
		Files.writeString(file, pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----")) + otherKey);
		assertThatIllegalStateException()
			.isThrownBy(() -> GeneratedRoot.loadOrCreate(files(), "cluster.local", Duration.ofDays(30), NOW))
			.withMessageContaining("does not belong to its root certificate");
	}

	private SecureFiles files() throws IOException {
		return new SecureFiles(this.data.resolve("ca"));
	}

}
