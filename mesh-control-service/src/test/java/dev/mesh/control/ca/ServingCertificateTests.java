package dev.mesh.control.ca;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ServingCertificateTests {

	@Test
	void renewsAtHalfOfTheLifetimeCountedFromTheTimeOfIssue(@TempDir Path directory) throws Exception {
		Instant now = Instant.now();
		CertificateAuthority authority = new CertificateAuthority(
				GeneratedRoot.loadOrCreate(new SecureFiles(directory), "cluster.local", Duration.ofDays(1), now),
				"cluster.local", Duration.ofMinutes(1), Clock.systemUTC());
		ServingCertificate serving = new ServingCertificate(authority, List.of(), Clock.systemUTC(),
				new CaMetrics(authority));
		serving.registerBundles(new DefaultSslBundleRegistry());
		// The certificate is valid from a minute before it was issued: half of [-1m, +1m]
		// would be now, and a renewal would follow every renewal without pause
		assertThat(serving.current().certificate().getNotBefore().toInstant()).isBefore(now);
		assertThat(serving.renewalTime()).isAfter(now.plusSeconds(25))
			.isBefore(serving.current().certificate().getNotAfter().toInstant());
	}

}
