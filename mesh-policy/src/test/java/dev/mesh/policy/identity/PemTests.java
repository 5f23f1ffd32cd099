package dev.mesh.policy.identity;

import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PemTests {

	@Test
	void encodesCertificatesThatReadBackInOrder() throws CertificateException {
		KeyPair key = TestCertificates.ecKey();
		X509Certificate root = TestCertificates.authority("root", key, key, null);
		X509Certificate leaf = TestCertificates.workload(key, root, "spiffe://cluster.local/ns/shop/sa/catalog");
		String pem = Pem.encodeCertificates(List.of(leaf, root));
		assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
		assertThat(pem.lines()).allSatisfy((line) -> assertThat(line).hasSizeLessThanOrEqualTo(64));
		assertThat(Pem.readCertificates(pem)).containsExactly(leaf, root);
	}

	@Test
	void rejectsTextWithoutCertificates() {
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> Pem.readCertificates("hello"));
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> Pem.readCertificates(""));
	}

}
