package dev.mesh.control.ca;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsrReaderTests {

	private static final SpiffeId CATALOG = new SpiffeId("cluster.local", "shop", "catalog");

	private final KeyPair key = TestPki.ec();

	@Test
	void acceptsAP256RequestWithoutNamesOrWithTheEntitledIdentity() throws IOException {
		assertThat(CsrReader.read(TestPki.csr(this.key), CATALOG).getEncoded()).isNotNull();
		assertThat(CsrReader.read(TestPki.csr(this.key, CATALOG.toString()), CATALOG).getEncoded())
			.isEqualTo(this.key.getPublic().getEncoded());
	}

	@Test
	void rejectsRsaAndOtherCurves() {
		assertRejected(TestPki.csr(TestPki.rsa()), 400, "unsupported-key", "the CSR's key is RSA");
		assertRejected(TestPki.csr(TestPki.ec("secp384r1")), 400, "unsupported-key", "another curve (1.3.132.0.34)");
	}

	@Test
	void rejectsARequestWhoseSignatureDoesNotVerify() {
		assertRejected(TestPki.csr(this.key, TestPki.ec()), 400, "bad-signature", "does not verify");
	}

	@Test
	void rejectsARequestForAnotherIdentityOrForHostNames() {
		assertRejected(TestPki.csr(this.key, "spiffe://cluster.local/ns/shop/sa/pricing"), 403, "not-entitled",
				"asks for URI spiffe://cluster.local/ns/shop/sa/pricing, but the credential entitles only "
						+ "spiffe://cluster.local/ns/shop/sa/catalog");
		assertRejected(TestPki.csr(this.key, CATALOG.toString(), "catalog.shop.svc"), 403, "not-entitled",
				"asks for DNS name catalog.shop.svc");
	}

	@Test
	void rejectsTextThatIsNotARequest() {
		assertRejected("hello", 400, "malformed-csr", "PKCS#10");
		assertRejected(TestPki.pem(TestPki.certificate("x", this.key, this.key, null, false, Instant.now(),
				Instant.now().plusSeconds(60))), 400, "malformed-csr", "PKCS#10");
		assertRejected("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", 400,
				"malformed-csr", "PKCS#10");
		assertRejected("x".repeat(CsrReader.MAX_LENGTH + 1), 400, "malformed-csr", "longer than");
	}

	private static void assertRejected(String pem, int status, String reason, String message) {
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> CsrReader.read(pem, CATALOG))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
