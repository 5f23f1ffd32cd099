package dev.mesh.policy.identity;

import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import dev.mesh.policy.identity.WorkloadCertificates.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkloadCertificatesTests {

	private static final String CATALOG = "spiffe://cluster.local/ns/shop/sa/catalog";

	private final KeyPair rootKey = TestCertificates.ecKey();

	private final X509Certificate root = TestCertificates.authority("root", this.rootKey, this.rootKey, null);

	private final KeyPair intermediateKey = TestCertificates.ecKey();

	private final X509Certificate intermediate = TestCertificates.authority("intermediate", this.intermediateKey,
			this.rootKey, this.root);

	@Test
	void verifiesAWorkloadCertificateIssuedThroughAnIntermediate() throws CertificateException {
		X509Certificate leaf = TestCertificates.workload(this.intermediateKey, this.intermediate, CATALOG);
		SpiffeId id = WorkloadCertificates.verify(List.of(leaf, this.intermediate), List.of(this.root), "cluster.local",
				Role.SERVER, TestCertificates.NOW);
		assertThat(id).hasToString(CATALOG);
		assertThat(WorkloadCertificates.verify(List.of(leaf, this.intermediate, this.root), List.of(this.root),
				"cluster.local", Role.CLIENT, TestCertificates.NOW))
			.isEqualTo(id);
	}

	@Test
	void rejectsCertificatesWithoutExactlyOneUriSan() {
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.spiffeId(TestCertificates.workload(this.rootKey, this.root)))
			.withMessageContaining("exactly one URI SAN")
			.withMessageContaining("has 0");
		X509Certificate two = TestCertificates.workload(this.rootKey, this.root, CATALOG,
				"spiffe://cluster.local/ns/shop/sa/pricing");
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> WorkloadCertificates.spiffeId(two))
			.withMessageContaining("has 2");
		X509Certificate notSpiffe = TestCertificates.workload(this.rootKey, this.root, "https://catalog.shop");
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> WorkloadCertificates.spiffeId(notSpiffe))
			.withMessageContaining("not a valid SPIFFE ID");
	}

	@Test
	void rejectsAnotherTrustDomain() {
		X509Certificate foreign = TestCertificates.workload(this.rootKey, this.root,
				"spiffe://evil.example/ns/shop/sa/catalog");
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.checkLeaf(foreign, "cluster.local", Role.SERVER))
			.withMessageContaining("belongs to trust domain evil.example, not cluster.local");
	}

	@Test
	void rejectsCertificateAuthoritiesAndSigningKeyUsages() {
		X509Certificate ca = TestCertificates.leaf(this.rootKey, this.root, Duration.ofHours(1), true,
				KeyUsage.digitalSignature, new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth }, CATALOG);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.checkLeaf(ca, "cluster.local", Role.SERVER))
			.withMessageContaining("CA:true");
		X509Certificate signer = TestCertificates.leaf(this.rootKey, this.root, Duration.ofHours(1), false,
				KeyUsage.digitalSignature | KeyUsage.keyCertSign, new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth },
				CATALOG);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.checkLeaf(signer, "cluster.local", Role.SERVER))
			.withMessageContaining("allows signing certificates");
		X509Certificate encipherOnly = TestCertificates.leaf(this.rootKey, this.root, Duration.ofHours(1), false,
				KeyUsage.keyEncipherment, new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth }, CATALOG);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.checkLeaf(encipherOnly, "cluster.local", Role.SERVER))
			.withMessageContaining("lacks digitalSignature");
	}

	@Test
	void requiresTheExtendedKeyUsageOfTheRole() throws CertificateException {
		X509Certificate clientOnly = TestCertificates.leaf(this.rootKey, this.root, Duration.ofHours(1), false,
				KeyUsage.digitalSignature, new KeyPurposeId[] { KeyPurposeId.id_kp_clientAuth }, CATALOG);
		assertThat(WorkloadCertificates.checkLeaf(clientOnly, "cluster.local", Role.CLIENT)).hasToString(CATALOG);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.checkLeaf(clientOnly, "cluster.local", Role.SERVER))
			.withMessageContaining("lacks serverAuth");
	}

	@Test
	void rejectsExpiredCertificatesAndUntrustedRoots() {
		X509Certificate leaf = TestCertificates.workload(this.intermediateKey, this.intermediate, CATALOG);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.verify(List.of(leaf, this.intermediate), List.of(this.root),
					"cluster.local", Role.SERVER, TestCertificates.NOW.plus(Duration.ofHours(2))))
			.withMessageContaining("does not lead to a trusted root");
		KeyPair otherKey = TestCertificates.ecKey();
		X509Certificate otherRoot = TestCertificates.authority("other", otherKey, otherKey, null);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> WorkloadCertificates.verify(List.of(leaf, this.intermediate), List.of(otherRoot),
					"cluster.local", Role.SERVER, TestCertificates.NOW))
			.withMessageContaining("does not lead to a trusted root");
	}

	@Test
	void tellsCertificateAuthoritiesFromWorkloads() {
		assertThat(WorkloadCertificates.isCertificateAuthority(this.intermediate)).isTrue();
		assertThat(WorkloadCertificates.isCertificateAuthority(TestCertificates.workload(this.rootKey, this.root)))
			.isFalse();
	}

}
