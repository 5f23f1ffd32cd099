package dev.mesh.control.ca;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.control.registry.MutableClock;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificateAuthorityTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private static final SpiffeId CATALOG = new SpiffeId("cluster.local", "shop", "catalog");

	@TempDir
	Path data;

	private CaCredentials root;

	@BeforeEach
	void generateRoot() throws Exception {
		this.root = GeneratedRoot.loadOrCreate(new SecureFiles(this.data), "cluster.local", Duration.ofDays(10), NOW);
	}

	@Test
	void issuesAWorkloadCertificateForTheEntitledIdentityOnly() throws Exception {
		IssuedCertificate issued = authority(Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC)).issue(key(),
				CATALOG);
		X509Certificate certificate = issued.certificate();
		assertThat(
				WorkloadCertificates.verify(issued.chain(), List.of(issued.root()), "cluster.local", Role.SERVER, NOW))
			.isEqualTo(CATALOG);
		assertThat(certificate.getSubjectAlternativeNames()).singleElement()
			.isEqualTo(List.of(6, "spiffe://cluster.local/ns/shop/sa/catalog"));
		assertThat(certificate.getSubjectX500Principal().getName()).isEmpty();
		assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.17", "2.5.29.19", "2.5.29.15");
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize())
			.isEqualTo(256);
		assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
	}

	@Test
	void honoursTheTtlAndBackdatesTheStartForClockSkew() {
		X509Certificate certificate = authority(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC))
			.issue(key(), CATALOG)
			.certificate();
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(CertificateAuthority.BACKDATE));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void usesRandomSerialsOfUpTo128Bits() {
		CertificateAuthority authority = authority(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
		BigInteger first = authority.issue(key(), CATALOG).certificate().getSerialNumber();
		BigInteger second = authority.issue(key(), CATALOG).certificate().getSerialNumber();
		assertThat(first).isNotEqualTo(second).isPositive();
		assertThat(first.bitLength()).isLessThanOrEqualTo(128).isGreaterThan(64);
	}

	@Test
	void neverIssuesBeyondItsOwnExpiry() {
		MutableClock clock = new MutableClock(NOW);
		CertificateAuthority authority = authority(Duration.ofHours(24), clock);
		clock.advance(Duration.ofDays(10).minusHours(1));
		assertThat(authority.issue(key(), CATALOG).certificate().getNotAfter().toInstant())
			.isEqualTo(this.root.notAfter());
		clock.advance(Duration.ofHours(2));
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> authority.issue(key(), CATALOG))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("ca-expired"));
	}

	@Test
	void addsHostNamesAndAddressesForServers() throws Exception {
		X509Certificate certificate = authority(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC))
			.issue(key(), CATALOG, List.of("localhost", "127.0.0.1", "::1", "control.mesh.svc"), Duration.ofHours(1))
			.certificate();
		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(
				List.of(6, "spiffe://cluster.local/ns/shop/sa/catalog"), List.of(2, "localhost"),
				List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"), List.of(2, "control.mesh.svc"));
		assertThat(WorkloadCertificates.spiffeId(certificate)).isEqualTo(CATALOG);
	}

	@Test
	void answersWithTheChainAndTheTrustBundleInPem() throws Exception {
		IssuedCertificate issued = authority(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC)).issue(key(),
				CATALOG);
		CertificateResponse response = issued.toResponse();
		assertThat(response.spiffeId()).isEqualTo(CATALOG.toString());
		assertThat(new BigInteger(response.serialNumber(), 16)).isEqualTo(issued.certificate().getSerialNumber());
		assertThat(response.notAfter()).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(Pem.readCertificates(response.certificateChain())).containsExactly(issued.certificate());
		assertThat(Pem.readCertificates(response.trustBundle())).containsExactly(this.root.certificate());
	}

	private CertificateAuthority authority(Duration ttl, Clock clock) {
		return new CertificateAuthority(this.root, "cluster.local", ttl, clock);
	}

	private static SubjectPublicKeyInfo key() {
		return SubjectPublicKeyInfo.getInstance(TestPki.ec().getPublic().getEncoded());
	}

}
