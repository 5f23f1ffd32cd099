package dev.mesh.bench.handshake;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TlsServerTests {

	@Test
	void answersOnceTheRequestHeadIsComplete() {
		byte[] head = "GET /payload HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(TlsServer.endsHead(head, head.length)).isTrue();
		assertThat(TlsServer.endsHead(head, head.length - 1)).isFalse();
		byte[] partial = "GET /payload HTTP/1.0\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(TlsServer.endsHead(partial, partial.length)).isFalse();
	}

	@Test
	void readsAnEcPrivateKeyFromPkcs8Pem() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		PrivateKey key = PemCredentials.privateKey(pem);
		assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
	}

	@Test
	void refusesAKeyThatIsNotPkcs8() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> PemCredentials.privateKey("-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----"))
			.withMessageContaining("PKCS#8");
	}

}
