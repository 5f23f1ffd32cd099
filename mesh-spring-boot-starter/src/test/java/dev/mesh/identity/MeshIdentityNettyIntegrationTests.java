package dev.mesh.identity;

import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandler;

import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MeshIdentityNettyIntegrationTests {

	private static final SpiffeId ID = new SpiffeId("cluster.local", "default", "storefront");

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
	void nettyServesTheRenewedCertificateWithoutRestart() throws Exception {
		// 1-minute certificates renewed after 5% of their lifetime: about every 3 s
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReactiveApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("spring.application.name=storefront", "server.port=0", "server.address=127.0.0.1",
					"server.ssl.bundle=" + MeshIdentity.SSL_BUNDLE, "mesh.control.enabled=false",
					"mesh.control.url=" + this.ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=" + TestCertificateAuthority.JOIN_TOKEN,
					"mesh.identity.renewal-fraction=0.05")
			.run()) {
			X509Certificate first = served(app);
			assertThat(WorkloadCertificates.spiffeId(first)).isEqualTo(ID);
			// a renewal (every ~3 s) may land between two reads: retried until both agree
			await().atMost(Duration.ofSeconds(20))
				.until(() -> served(app).equals(app.getBean(MeshIdentity.class).current().certificate()));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> !served(app).getSerialNumber().equals(first.getSerialNumber()));
			assertThat(WorkloadCertificates.spiffeId(served(app))).isEqualTo(ID);
		}
	}

	private X509Certificate served(ConfigurableApplicationContext app) throws Exception {
		return this.ca.served(((WebServerApplicationContext) app).getWebServer().getPort());
	}

	@SpringBootConfiguration
	// Both servers are on the test class path: Boot's reactive management contexts of
	// Tomcat and Netty would both be registered for the management port
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
			+ "TomcatReactiveManagementContextAutoConfiguration")
	static class ReactiveApplication {

		@Bean
		HttpHandler httpHandler() {
			return (request, response) -> response.setComplete();
		}

	}

}
