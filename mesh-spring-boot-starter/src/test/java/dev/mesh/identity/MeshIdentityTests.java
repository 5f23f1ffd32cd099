package dev.mesh.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeshIdentityTests {

	private static final SpiffeId ID = new SpiffeId("cluster.local", "shop", "catalog");

	private TestCertificateAuthority ca;

	@BeforeEach
	void startAuthority() throws Exception {
		this.ca = TestCertificateAuthority.start(ID);
	}

	@AfterEach
	void stopAuthority() {
		this.ca.close();
	}

	@Test
	void obtainsCertificateForItsSpiffeIdWithItsOwnKey() throws Exception {
		MeshIdentity identity = identity(properties(TestCertificateAuthority.JOIN_TOKEN));
		assertThat(identity.current()).isNull();
		assertThat(identity.state()).isEqualTo(MeshIdentity.State.NONE);
		MeshIdentity.Credential credential = identity.renew();
		X509Certificate leaf = credential.certificate();
		assertThat(WorkloadCertificates.spiffeId(leaf)).isEqualTo(ID);
		assertThat(credential.trustBundle()).containsExactly(this.ca.root());
		assertThat(credential.serialNumber()).isEqualTo(leaf.getSerialNumber().toString(16));
		assertThat(identity.state()).isEqualTo(MeshIdentity.State.VALID);
		assertThat(identity.sslBundle().getStores().getKeyStore().getCertificate("mesh")).isEqualTo(leaf);
		assertThat(identity.sslBundle().getStores().getTrustStore().getCertificate("root-0")).isEqualTo(this.ca.root());
	}

	@Test
	void eachRenewalHasNewKeyAndCertificateAndNotifiesListeners() throws Exception {
		MeshIdentity identity = identity(properties(TestCertificateAuthority.JOIN_TOKEN));
		List<MeshIdentity.Credential> notified = new CopyOnWriteArrayList<>();
		identity.addListener(notified::add);
		MeshIdentity.Credential first = identity.renew();
		MeshIdentity.Credential second = identity.renew();
		assertThat(second.serialNumber()).isNotEqualTo(first.serialNumber());
		assertThat(second.certificate().getPublicKey()).isNotEqualTo(first.certificate().getPublicKey());
		assertThat(notified).containsExactly(first, second);
	}

	@ParameterizedTest
	@CsvSource({ "WRONG_ID, names spiffe://cluster.local/ns/shop/sa/someone-else", "TWO_URIS, exactly one URI SAN",
			"CA_TRUE, is a CA certificate", "OTHER_CA, does not lead to a trusted root" })
	void rejectsFlawedCertificateAndKeepsTheCurrentOne(TestCertificateAuthority.Flaw flaw, String reason)
			throws Exception {
		MeshIdentity identity = identity(properties(TestCertificateAuthority.JOIN_TOKEN));
		MeshIdentity.Credential good = identity.renew();
		this.ca.flaw(flaw);
		assertThatExceptionOfType(MeshIdentity.IdentityException.class).isThrownBy(identity::renew)
			.withMessageContaining(reason);
		assertThat(identity.current()).isSameAs(good);
		assertThat(identity.lastError()).contains(reason);
	}

	@Test
	void refusedCredentialIsReportedWithTheReason() throws Exception {
		MeshIdentity identity = identity(properties("join.wrong.token"));
		assertThatExceptionOfType(MeshIdentity.IdentityException.class).isThrownBy(identity::renew)
			.withMessageContaining("HTTP 403")
			.withMessageContaining("invalid-credential");
		assertThat(identity.current()).isNull();
		assertThat(identity.sslBundle()).isNull();
	}

	@Test
	void readsTheCredentialFromTheTokenFile(@TempDir Path directory) throws Exception {
		Path token = directory.resolve("token");
		Files.writeString(token, TestCertificateAuthority.JOIN_TOKEN + "\n");
		MeshIdentityProperties properties = properties(null);
		properties.setTokenFile(token);
		assertThat(identity(properties).renew().spiffeId()).isEqualTo(ID);
	}

	@Test
	void trustsOnlyTheConfiguredTrustBundle(@TempDir Path directory) throws Exception {
		Path trusted = directory.resolve("root.crt");
		Files.writeString(trusted, Pem.encodeCertificates(List.of(this.ca.root())));
		MeshIdentityProperties properties = properties(TestCertificateAuthority.JOIN_TOKEN);
		properties.setTrustBundle(trusted);
		assertThat(identity(properties).renew().trustBundle()).containsExactly(this.ca.root());
		try (TestCertificateAuthority other = TestCertificateAuthority.start(ID)) {
			Path foreign = directory.resolve("other.crt");
			Files.writeString(foreign, Pem.encodeCertificates(List.of(other.root())));
			properties.setTrustBundle(foreign);
			assertThatExceptionOfType(MeshIdentity.IdentityException.class)
				.isThrownBy(() -> identity(properties).renew())
				.withMessageContaining("TLS handshake with the control service at " + this.ca.url() + " failed")
				.withMessageContaining("must chain to the trusted root");
		}
	}

	@Test
	void unreadableTrustBundleIsReportedWithTheProperty(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("root.crt");
		Files.writeString(file, "not a certificate");
		MeshIdentityProperties properties = properties(TestCertificateAuthority.JOIN_TOKEN);
		properties.setTrustBundle(file);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> identity(properties))
			.withMessageContaining("'mesh.identity.trust-bundle'");
	}

	@Test
	void requiresACredential() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> identity(properties(null)))
			.withMessageContaining("'mesh.identity.join-token' or 'mesh.identity.token-file'");
	}

	private MeshIdentity identity(MeshIdentityProperties properties) {
		MeshProperties.Control control = new MeshProperties.Control();
		control.setUrl(this.ca.url());
		ControlPlaneTls tls = new ControlPlaneTls(control, properties.getTrustBundle(), Clock.systemUTC());
		return new MeshIdentity(ID, properties, new CertificateAuthorityClient(control, tls), Clock.systemUTC());
	}

	private static MeshIdentityProperties properties(String joinToken) {
		MeshIdentityProperties properties = new MeshIdentityProperties();
		properties.setJoinToken(joinToken);
		return properties;
	}

}
