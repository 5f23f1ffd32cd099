package dev.mesh.mtls;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.actuate.TlsDescriptor;
import dev.mesh.identity.PeerCredential;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.policy.spec.MtlsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class TomcatMtlsIntegrationTests {

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog");
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.ca.close();
	}

	@Test
	void strictRefusesEveryClientWithoutAValidMeshCertificateAtTheHandshake() throws Exception {
		this.app = MtlsApplications.servlet(this.ca, "catalog");
		assertThat(this.app.getBean(ServerMtls.class).mode()).isEqualTo(MtlsMode.STRICT);
		int port = MtlsApplications.port(this.app);
		new ServerAttacks(this.ca, port, MtlsApplications.handshakes(this.app)).assertStrict();
		// Tomcat answers plaintext on a TLS port with a 400 of its own, never the app
		assertThat(RawHttp.plain(port, "/hello")).startsWith("HTTP/1.1 400").doesNotContain("hello");
	}

	@Test
	void outsideClientsGetThroughOnlyWithACertificate(@TempDir Path credentials) throws Exception {
		OutsideClients.assumeInstalled("openssl");
		this.app = MtlsApplications.servlet(this.ca, "catalog");
		int port = MtlsApplications.port(this.app);
		this.ca.issue(MtlsApplications.identity("outside")).writePem(credentials);
		OutsideClients.Result anonymous = OutsideClients.openssl(port, null);
		assertThat(anonymous.output()).doesNotContain("HTTP/1.1 200").containsIgnoringCase("alert");
		OutsideClients.Result authenticated = OutsideClients.openssl(port, credentials);
		assertThat(authenticated.output()).contains("HTTP/1.1 200").contains("hello");
		OutsideClients.assumeInstalled("curl");
		assertThat(OutsideClients.curl(port, null).exitCode()).isNotZero();
		OutsideClients.Result curl = OutsideClients.curl(port, credentials);
		assertThat(curl.exitCode()).isZero();
		assertThat(curl.output()).isEqualTo("hello");
	}

	@Test
	void permissiveServesPlaintextOnASecondPortAndSwitchesLive() throws Exception {
		this.app = MtlsApplications.servlet(this.ca, "catalog", "mesh.inbound.mtls.mode=PERMISSIVE",
				"mesh.mtls.plaintext-port=0");
		ServerMtls mtls = this.app.getBean(ServerMtls.class);
		int port = MtlsApplications.port(this.app);
		Integer plaintextPort = mtls.status().plaintextPort();
		assertThat(plaintextPort).isNotNull();
		assertThat(RawHttp.plain(plaintextPort, "/hello")).startsWith("HTTP/1.1 200");
		assertThat(RawHttp.tls(port, this.ca.issue(MtlsApplications.identity("caller")).sslContext(), "/hello"))
			.startsWith("HTTP/1.1 200");
		assertThat(RawHttp.tls(port, PeerCredential.anonymous(), "/hello")).startsWith("HTTP/1.1 200");
		assertThat(mtls.metadata()).containsEntry("mesh.mtls", "PERMISSIVE")
			.containsEntry("mesh.mtls.plaintext-port", String.valueOf(plaintextPort));

		push("mesh.inbound.mtls.mode=STRICT");
		assertThat(mtls.status().mode()).isEqualTo(MtlsMode.STRICT);
		assertThatException().isThrownBy(() -> RawHttp.plain(plaintextPort, "/hello"));
		assertThatException().isThrownBy(() -> RawHttp.tls(port, PeerCredential.anonymous(), "/hello"));
		assertThat(RawHttp.tls(port, this.ca.issue(MtlsApplications.identity("caller")).sslContext(), "/hello"))
			.startsWith("HTTP/1.1 200");
		assertThat(mtls.metadata()).isEqualTo(Map.of("mesh.mtls", "STRICT"));

		push("mesh.inbound.mtls.mode=DISABLED");
		TlsDescriptor shown = this.app.getBean(MeshEndpoint.class).mesh().tls();
		assertThat(shown.mode()).isEqualTo("STRICT");
		assertThat(shown.requested()).isEqualTo("DISABLED");
		assertThat(shown.pending()).startsWith("restart required");
		assertThat(this.app.getBean(MeshEndpoint.class).mesh().identity().mode()).isEqualTo("STRICT");
		assertThatException().isThrownBy(() -> RawHttp.tls(port, PeerCredential.anonymous(), "/hello"));
	}

	private void push(String property) {
		TestPropertyValues.of(property).applyTo(this.app);
		this.app.publishEvent(new EnvironmentChangeEvent(this.app, Set.of(property.split("=")[0])));
	}

}
