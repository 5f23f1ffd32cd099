package dev.mesh.mtls;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementPortIntegrationTests {

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog", "storefront");
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.ca.close();
	}

	@Test
	void tomcatServesTheActuatorOnAPlaintextPortAndTheAppOnlyOnTheMtlsOne() throws Exception {
		this.app = MtlsApplications.servlet(this.ca, "catalog");
		assertSplit();
	}

	@Test
	void nettyServesTheActuatorOnAPlaintextPortAndTheAppOnlyOnTheMtlsOne() throws Exception {
		this.app = MtlsApplications.reactive(this.ca, "storefront");
		assertSplit();
	}

	private void assertSplit() throws Exception {
		int port = MtlsApplications.port(this.app);
		int management = MtlsApplications.managementPort(this.app);
		assertThat(management).isPositive().isNotEqualTo(port);
		assertThat(RawHttp.plain(management, "/actuator/health")).startsWith("HTTP/1.1 200").contains("UP");
		assertThat(RawHttp.plain(management, "/actuator/info")).startsWith("HTTP/1.1 200");
		assertThat(RawHttp.plain(management, "/actuator/mesh")).startsWith("HTTP/1.1 200").contains("\"STRICT\"");
		assertThat(RawHttp.plain(management, "/actuator/prometheus")).startsWith("HTTP/1.1 200")
			.contains("mesh_identity_expiry_seconds");
		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/loggers" }) {
			assertThat(RawHttp.plain(management, hidden)).as(hidden).startsWith("HTTP/1.1 404");
		}
		assertThat(RawHttp.plain(management, "/hello")).startsWith("HTTP/1.1 404");
		SSLContext caller = this.ca.issue(MtlsApplications.identity("caller")).sslContext();
		assertThat(RawHttp.tls(port, caller, "/hello")).startsWith("HTTP/1.1 200");
		assertThat(RawHttp.tls(port, caller, "/actuator/health")).startsWith("HTTP/1.1 404");
	}

}
