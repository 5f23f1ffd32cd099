package dev.mesh.mtls;

import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;

import dev.mesh.identity.PeerCredential;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.identity.TestCertificateAuthority.Flaw;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Clients that a server in STRICT mode must refuse at the handshake, each with the reason
 * the server counts, and one it must serve.
 */
final class ServerAttacks {

	private static final SpiffeId CALLER = MtlsApplications.identity("caller");

	private final TestCertificateAuthority ca;

	private final int port;

	private final TlsHandshakes server;

	ServerAttacks(TestCertificateAuthority ca, int port, TlsHandshakes server) {
		this.ca = ca;
		this.port = port;
		this.server = server;
	}

	void assertStrict() throws Exception {
		Instant now = Instant.now();
		refused(PeerCredential.anonymous(), "no-client-certificate");
		refused(flawed(Flaw.OTHER_CA, now.minusSeconds(60), now.plusSeconds(600)), "untrusted");
		refused(flawed(Flaw.NONE, now.minus(Duration.ofHours(2)), now.minusSeconds(5)), "expired");
		refused(flawed(Flaw.NONE, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(1))), "not-yet-valid");
		refused(flawed(Flaw.NO_URI, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		refused(flawed(Flaw.TWO_URIS, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		refused(flawed(Flaw.CA_TRUE, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		refused(this.ca.issue(new SpiffeId("evil.example", "default", "caller")).sslContext(), "foreign-trust-domain");
		assertThat(RawHttp.tls(this.port, this.ca.issue(CALLER).sslContext(), "/hello")).startsWith("HTTP/1.1 200")
			.endsWith("hello");
	}

	private SSLContext flawed(Flaw flaw, Instant notBefore, Instant notAfter) throws Exception {
		return this.ca.issue(CALLER, flaw, notBefore, notAfter).sslContext();
	}

	private void refused(SSLContext client, String reason) {
		long before = this.server.failures(TlsHandshakes.Side.SERVER).getOrDefault(reason, 0L);
		assertThatException().as(reason).isThrownBy(() -> RawHttp.tls(this.port, client, "/hello"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.server.failures(TlsHandshakes.Side.SERVER)).as(reason)
				.containsEntry(reason, before + 1));
	}

}
