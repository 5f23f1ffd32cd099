package dev.mesh.mtls;

import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.identity.PeerCredential;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.policy.spec.MtlsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class NettyMtlsIntegrationTests {

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("storefront");
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
		this.app = MtlsApplications.reactive(this.ca, "storefront");
		assertThat(this.app.getBean(ServerMtls.class).status().server()).isEqualTo("netty");
		int port = MtlsApplications.port(this.app);
		new ServerAttacks(this.ca, port, MtlsApplications.handshakes(this.app)).assertStrict();
		assertThatException().isThrownBy(() -> RawHttp.plain(port, "/hello"));
	}

	@Test
	void permissiveServesPlaintextAndMtlsOnOnePortAndEveryModeSwitchesLive() throws Exception {
		this.app = MtlsApplications.reactive(this.ca, "storefront", "mesh.security.mtls.mode=PERMISSIVE");
		ServerMtls mtls = this.app.getBean(ServerMtls.class);
		int port = MtlsApplications.port(this.app);
		assertThat(RawHttp.plain(port, "/hello")).startsWith("HTTP/1.1 200").endsWith("hello");
		assertThat(RawHttp.tls(port, caller(), "/hello")).startsWith("HTTP/1.1 200").endsWith("hello");
		assertThat(RawHttp.tls(port, PeerCredential.anonymous(), "/hello")).startsWith("HTTP/1.1 200");
		assertThat(mtls.metadata()).isEqualTo(Map.of("mesh.mtls", "PERMISSIVE"));

		push("mesh.inbound.mtls.mode=STRICT");
		assertThat(mtls.mode()).isEqualTo(MtlsMode.STRICT);
		assertThatException().isThrownBy(() -> RawHttp.plain(port, "/hello"));
		assertThatException().isThrownBy(() -> RawHttp.tls(port, PeerCredential.anonymous(), "/hello"));
		assertThat(RawHttp.tls(port, caller(), "/hello")).startsWith("HTTP/1.1 200");

		push("mesh.inbound.mtls.mode=DISABLED");
		assertThat(this.app.getBean(MeshEndpoint.class).mesh().tls().pending()).isNull();
		assertThat(this.app.getBean(MeshEndpoint.class).mesh().identity().mode()).isEqualTo("DISABLED");
		assertThat(RawHttp.plain(port, "/hello")).startsWith("HTTP/1.1 200");
		assertThatException().isThrownBy(() -> RawHttp.tls(port, caller(), "/hello"));
	}

	private SSLContext caller() throws Exception {
		return this.ca.issue(MtlsApplications.identity("caller")).sslContext();
	}

	private void push(String property) {
		TestPropertyValues.of(property).applyTo(this.app);
		this.app.publishEvent(new EnvironmentChangeEvent(this.app, Set.of(property.split("=")[0])));
	}

}
