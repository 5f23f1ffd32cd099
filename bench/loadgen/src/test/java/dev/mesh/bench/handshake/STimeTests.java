package dev.mesh.bench.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class STimeTests {

	private static final STime.Settings SETTINGS = new STime.Settings("127.0.0.1:18811", "/payload", "TLSv1.3",
			"caller.pem", "caller.key", "ca.pem");

	@Test
	void readsTheConnectionsAndTheBytesEachReadFromTheTotals() {
		String output = """
				Collecting connection statistics for 10 seconds
				*******************************************

				559 connections in 0.50s; 1118.00 connections/user sec, bytes read 89999
				559 connections in 11 real seconds, 1161 bytes read per connection
				""";
		assertThat(STime.parse(output)).isEqualTo(new STime.Result(559, 1161));
	}

	@Test
	void failsWithTheOutputWhenTheRunMadeNoTotals() {
		String output = """
				Collecting connection statistics for 2 seconds
				ERROR
				40B7838CF37F0000:error:8000006F:system library:BIO_connect:Connection refused
				""";
		assertThatIllegalStateException().isThrownBy(() -> STime.parse(output))
			.withMessageContaining("Connection refused");
	}

	@Test
	void makesEveryConnectionAFullHandshakeWithTheClientCertificateAndOneRequest() {
		List<String> command = STime.command("openssl", SETTINGS, 10);
		assertThat(command).startsWith("openssl", "s_time", "-connect", "127.0.0.1:18811", "-new", "-time", "10")
			.containsSequence("-www", "/payload")
			.containsSequence("-cert", "caller.pem", "-key", "caller.key", "-CAfile", "ca.pem")
			.endsWith("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256")
			.doesNotContain("-reuse");
	}

	@Test
	void pinsTlsTwelveToOneEcdsaCipherSuite() {
		STime.Settings tls12 = new STime.Settings("127.0.0.1:1", "/", "TLSv1.2", "c", "k", "ca");
		assertThat(STime.command("openssl", tls12, 1)).endsWith("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
	}

	@Test
	void refusesAnotherProtocol() {
		STime.Settings tls11 = new STime.Settings("127.0.0.1:1", "/", "TLSv1.1", "c", "k", "ca");
		assertThatIllegalArgumentException().isThrownBy(() -> STime.command("openssl", tls11, 1))
			.withMessageContaining("TLSv1.1");
	}

}
