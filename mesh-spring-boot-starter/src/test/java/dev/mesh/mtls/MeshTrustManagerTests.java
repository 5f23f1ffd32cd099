package dev.mesh.mtls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mesh.identity.PeerCredential;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.identity.TestCertificateAuthority.Flaw;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeshTrustManagerTests {

	private static final SpiffeId CATALOG = new SpiffeId("cluster.local", "shop", "catalog");

	private TestCertificateAuthority ca;

	private MeshTrustManager trustManager;

	@BeforeEach
	void start() throws Exception {
		this.ca = TestCertificateAuthority.start(CATALOG);
		ExpectedPeers peers = (host, port) -> ("10.0.0.7".equals(host) && port == 8443)
				? ExpectedPeers.Expected.of(Set.of(CATALOG)) : ExpectedPeers.Expected.UNKNOWN;
		this.trustManager = new MeshTrustManager(() -> List.of(this.ca.root()), "cluster.local", peers,
				Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		this.ca.close();
	}

	@Test
	void acceptsAValidClientAndTheExpectedServer() throws Exception {
		X509Certificate[] chain = chain(this.ca.issue(CATALOG));
		assertThatCode(() -> this.trustManager.checkClientTrusted(chain, "EC")).doesNotThrowAnyException();
		assertThatCode(() -> checkServer(chain, "10.0.0.7", 8443)).doesNotThrowAnyException();
	}

	@Test
	void refusesAServerThatIsNotTheDestinationItWasCalledAs() throws Exception {
		X509Certificate[] pricing = chain(this.ca.issue(new SpiffeId("cluster.local", "shop", "pricing")));
		refused(() -> checkServer(pricing, "10.0.0.7", 8443), "wrong-identity");
		X509Certificate[] catalog = chain(this.ca.issue(CATALOG));
		refused(() -> checkServer(catalog, "10.0.0.8", 8443), "unknown-destination");
	}

	@Test
	void refusesCertificatesOfAnotherAuthorityOrOutsideTheirValidity() throws Exception {
		Instant now = Instant.now();
		refused(client(Flaw.OTHER_CA, now.minusSeconds(60), now.plusSeconds(600)), "untrusted");
		refused(client(Flaw.NONE, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))), "expired");
		refused(client(Flaw.NONE, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))), "not-yet-valid");
	}

	@Test
	void refusesLeavesThatBreakTheWorkloadCertificateRules() throws Exception {
		Instant now = Instant.now();
		refused(client(Flaw.NO_URI, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		refused(client(Flaw.TWO_URIS, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		refused(client(Flaw.CA_TRUE, now.minusSeconds(60), now.plusSeconds(600)), "bad-leaf");
		X509Certificate[] foreign = chain(this.ca.issue(new SpiffeId("evil.example", "shop", "catalog")));
		refused(() -> this.trustManager.checkClientTrusted(foreign, "EC"), "foreign-trust-domain");
		refused(() -> this.trustManager.checkClientTrusted(new X509Certificate[0], "EC"), "bad-leaf");
	}

	private Check client(Flaw flaw, Instant notBefore, Instant notAfter) throws Exception {
		X509Certificate[] chain = chain(this.ca.issue(CATALOG, flaw, notBefore, notAfter));
		return () -> this.trustManager.checkClientTrusted(chain, "EC");
	}

	private void checkServer(X509Certificate[] chain, String host, int port) throws Exception {
		// The JDK hands the engine, whose peer is the host and port the client called
		SSLEngine engine = PeerCredential.anonymous().createSSLEngine(host, port);
		this.trustManager.checkServerTrusted(chain, "EC", engine);
	}

	private static X509Certificate[] chain(PeerCredential credential) {
		return new X509Certificate[] { credential.certificate() };
	}

	private static void refused(Check check, String reason) {
		assertThatExceptionOfType(MeshCertificateException.class).isThrownBy(check::run)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@FunctionalInterface
	private interface Check {

		void run() throws Exception;

	}

}
