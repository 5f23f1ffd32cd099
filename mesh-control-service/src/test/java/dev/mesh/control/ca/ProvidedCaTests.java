package dev.mesh.control.ca;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProvidedCaTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private static final SpiffeId CATALOG = new SpiffeId("cluster.local", "shop", "catalog");

	@TempDir
	Path directory;

	private final KeyPair rootKey = TestPki.ec();

	private final X509Certificate root = TestPki.certificate("corp root", this.rootKey, this.rootKey, null, true,
			NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));

	private final KeyPair intermediateKey = TestPki.ec("secp384r1");

	private final X509Certificate intermediate = TestPki.certificate("mesh intermediate", this.intermediateKey,
			this.rootKey, this.root, true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));

	@Test
	void signsWithAUserProvidedRoot() throws Exception {
		Path certificate = TestPki.write(this.directory, "ca.crt", TestPki.pem(this.root));
		Path key = TestPki.write(this.directory, "ca.key", TestPki.pem(this.rootKey.getPrivate()));
		CaCredentials credentials = ProvidedCa.load(certificate, key, null, null, NOW);
		assertThat(credentials.root()).isEqualTo(this.root);
		IssuedCertificate issued = issue(credentials);
		assertThat(issued.intermediates()).isEmpty();
		validate(issued);
	}

	@Test
	void signsWithAUserProvidedIntermediateAndSendsItsChain() throws Exception {
		Path certificate = TestPki.write(this.directory, "intermediate.crt", TestPki.pem(this.intermediate));
		Path key = TestPki.write(this.directory, "intermediate.key", TestPki.pem(this.intermediateKey.getPrivate()));
		Path chain = TestPki.write(this.directory, "chain.crt", TestPki.pem(this.root));
		CaCredentials credentials = ProvidedCa.load(certificate, key, null, chain, NOW);
		assertThat(credentials.root()).isEqualTo(this.root);
		assertThat(credentials.intermediates()).containsExactly(this.intermediate);
		assertThat(credentials.notAfter()).isEqualTo(this.intermediate.getNotAfter().toInstant());
		IssuedCertificate issued = issue(credentials);
		assertThat(issued.chain()).containsExactly(issued.certificate(), this.intermediate);
		validate(issued);
	}

	@Test
	void readsTheChainFromTheCertificateFileToo() {
		Path certificate = TestPki.write(this.directory, "bundle.crt", TestPki.pem(this.intermediate, this.root));
		Path key = TestPki.write(this.directory, "intermediate.key", TestPki.pem(this.intermediateKey.getPrivate()));
		assertThat(ProvidedCa.load(certificate, key, null, null, NOW).intermediates())
			.containsExactly(this.intermediate);
	}

	@Test
	void refusesAnIntermediateWithoutItsChain() {
		Path certificate = TestPki.write(this.directory, "intermediate.crt", TestPki.pem(this.intermediate));
		Path key = TestPki.write(this.directory, "intermediate.key", TestPki.pem(this.intermediateKey.getPrivate()));
		assertThatIllegalStateException().isThrownBy(() -> ProvidedCa.load(certificate, key, null, null, NOW))
			.withMessageStartingWith("Invalid mesh.ca.chain: is required")
			.withMessageContaining("CN=corp root");
	}

	@Test
	void refusesAChainThatDoesNotIssueTheCertificate() {
		KeyPair otherKey = TestPki.ec();
		X509Certificate other = TestPki.certificate("other root", otherKey, otherKey, null, true, NOW.minusSeconds(60),
				NOW.plus(Duration.ofDays(1)));
		Path certificate = TestPki.write(this.directory, "intermediate.crt", TestPki.pem(this.intermediate));
		Path key = TestPki.write(this.directory, "intermediate.key", TestPki.pem(this.intermediateKey.getPrivate()));
		Path chain = TestPki.write(this.directory, "chain.crt", TestPki.pem(other));
		assertThatIllegalStateException().isThrownBy(() -> ProvidedCa.load(certificate, key, null, chain, NOW))
			.withMessageStartingWith("Invalid mesh.ca.chain:")
			.withMessageContaining("is not issued by 'CN=other root'");
	}

	@Test
	void refusesACertificateThatIsNotACa() {
		KeyPair leafKey = TestPki.ec();
		X509Certificate leaf = TestPki.certificate("leaf", leafKey, leafKey, null, false, NOW.minusSeconds(60),
				NOW.plus(Duration.ofDays(1)));
		Path certificate = TestPki.write(this.directory, "leaf.crt", TestPki.pem(leaf));
		Path key = TestPki.write(this.directory, "leaf.key", TestPki.pem(leafKey.getPrivate()));
		assertThatIllegalStateException().isThrownBy(() -> ProvidedCa.load(certificate, key, null, null, NOW))
			.withMessageStartingWith("Invalid mesh.ca.certificate:")
			.withMessageContaining("is not a CA certificate");
	}

	@Test
	void refusesAKeyOfAnotherCertificate() {
		Path certificate = TestPki.write(this.directory, "ca.crt", TestPki.pem(this.root));
		Path key = TestPki.write(this.directory, "other.key", TestPki.pem(TestPki.ec().getPrivate()));
		assertThatIllegalStateException().isThrownBy(() -> ProvidedCa.load(certificate, key, null, null, NOW))
			.withMessage("Invalid mesh.ca.private-key: does not belong to the certificate in mesh.ca.certificate");
	}

	@Test
	void refusesAnExpiredCertificateAndUnreadableFiles() {
		Path certificate = TestPki.write(this.directory, "ca.crt", TestPki.pem(this.root));
		Path key = TestPki.write(this.directory, "ca.key", TestPki.pem(this.rootKey.getPrivate()));
		assertThatIllegalStateException()
			.isThrownBy(() -> ProvidedCa.load(certificate, key, null, null, NOW.plus(Duration.ofDays(3651))))
			.withMessageStartingWith("Invalid mesh.ca.certificate:")
			.withMessageContaining("expired at");
		assertThatIllegalStateException()
			.isThrownBy(() -> ProvidedCa.load(this.directory.resolve("missing.crt"), key, null, null, NOW))
			.withMessageStartingWith("Invalid mesh.ca.certificate: cannot read certificates from");
		assertThatIllegalStateException().isThrownBy(() -> ProvidedCa.load(certificate, certificate, null, null, NOW))
			.withMessageStartingWith("Invalid mesh.ca.private-key:");
	}

	@Test
	void refusesToStartWhenTheCaCannotCertifyTheTrustDomain() {
		KeyPair constrainedKey = TestPki.ec();
		X509Certificate constrained = TestPki.constrainedAuthority("other mesh", constrainedKey, this.rootKey,
				this.root, "other.example", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
		Path certificate = TestPki.write(this.directory, "constrained.crt", TestPki.pem(constrained, this.root));
		Path key = TestPki.write(this.directory, "constrained.key", TestPki.pem(constrainedKey.getPrivate()));
		CaCredentials credentials = ProvidedCa.load(certificate, key, null, null, NOW);
		assertThatIllegalStateException().isThrownBy(() -> issue(credentials))
			.withMessageContaining("cannot issue valid certificates")
			.withMessageContaining("does not lead to a trusted root");
	}

	private IssuedCertificate issue(CaCredentials credentials) {
		CertificateAuthority authority = new CertificateAuthority(credentials, "cluster.local", Duration.ofHours(1),
				Clock.fixed(NOW, ZoneOffset.UTC));
		return authority.issue(SubjectPublicKeyInfo.getInstance(TestPki.ec().getPublic().getEncoded()), CATALOG);
	}

	private static void validate(IssuedCertificate issued) throws Exception {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(issued.root(), null)));
		parameters.setRevocationEnabled(false);
		parameters.setDate(Date.from(NOW));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(issued.chain()), parameters);
	}

}
