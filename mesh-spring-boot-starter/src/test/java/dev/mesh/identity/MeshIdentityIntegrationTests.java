package dev.mesh.identity;

import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.actuate.IdentityDescriptor;
import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class MeshIdentityIntegrationTests {

	private static final SpiffeId ID = new SpiffeId("cluster.local", "default", "catalog");

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
	void serverServesTheWorkloadCertificateFromStartup() throws Exception {
		try (ConfigurableApplicationContext app = app("mesh.identity.renewal-fraction=0.5")) {
			MeshIdentity identity = app.getBean(MeshIdentity.class);
			assertThat(identity.spiffeId()).isEqualTo(ID);
			assertThat(app.getBean(SslBundles.class).getBundle(MeshIdentity.SSL_BUNDLE)).isSameAs(identity.sslBundle());
			X509Certificate served = served(app);
			assertThat(WorkloadCertificates.spiffeId(served)).isEqualTo(ID);
			assertThat(served).isEqualTo(identity.current().certificate());
			IdentityDescriptor shown = app.getBean(MeshEndpoint.class).mesh().identity();
			assertThat(shown.spiffeId()).isEqualTo("spiffe://cluster.local/ns/default/sa/catalog");
			assertThat(shown.serialNumber()).isEqualTo(served.getSerialNumber().toString(16));
			assertThat(shown.notAfter()).isEqualTo(served.getNotAfter().toInstant());
			assertThat(shown.state()).isEqualTo("VALID");
			double expiry = app.getBean(MeterRegistry.class).get("mesh.identity.expiry.seconds").gauge().value();
			// At most the one-minute lifetime; how much is left depends on how slow the
			// start was
			assertThat(expiry).isBetween(0.0, 60.0);
		}
	}

	@Test
	void renewedCertificateIsServedWithoutRestart() throws Exception {
		// 1-minute certificates renewed after 5% of their lifetime: about every 3 s
		try (ConfigurableApplicationContext app = app("mesh.identity.renewal-fraction=0.05")) {
			X509Certificate first = served(app);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> !served(app).getSerialNumber().equals(first.getSerialNumber()));
			X509Certificate renewed = served(app);
			assertThat(WorkloadCertificates.spiffeId(renewed)).isEqualTo(ID);
			assertThat(renewed.getPublicKey()).isNotEqualTo(first.getPublicKey());
		}
	}

	@Test
	void failedRenewalsAreRetriedWithBackoffAndWarnedAbout(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext app = app("mesh.identity.renewal-fraction=0.05",
				"mesh.identity.initial-backoff=100ms", "mesh.identity.max-backoff=400ms")) {
			this.ca.unavailable(true);
			int before = this.ca.requests();
			// Renewal is one thread: once an attempt failed, nothing else can replace the
			// certificate until the authority is back
			await().atMost(Duration.ofSeconds(20)).until(() -> this.ca.requests() >= before + 1);
			X509Certificate first = served(app);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.ca.requests() >= before + 5);
			assertThat(output.getOut()).contains("fetched from " + this.ca.url() + " on first use")
				.contains("WARN")
				.contains("Renewal of the workload certificate failed (attempt 3")
				.contains("HTTP 503");
			assertThat(served(app)).isEqualTo(first);
			this.ca.unavailable(false);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !served(app).getSerialNumber().equals(first.getSerialNumber()));
			assertThat(app.getBean(MeshIdentity.class).lastError()).isNull();
		}
	}

	@Test
	void expiredCertificateIsKeptSoHandshakesFailClosed(CapturedOutput output) throws Exception {
		this.ca.ttl(Duration.ofSeconds(4));
		try (ConfigurableApplicationContext app = app("mesh.identity.initial-backoff=100ms",
				"mesh.identity.max-backoff=300ms")) {
			MeshIdentity identity = app.getBean(MeshIdentity.class);
			this.ca.unavailable(true);
			int before = this.ca.requests();
			// Renewal is one thread: once an attempt failed, no renewal is on its way.
			// On a slow machine the certificate may have expired already: it is not
			// read through a handshake here
			await().atMost(Duration.ofSeconds(15)).until(() -> this.ca.requests() >= before + 1);
			X509Certificate first = identity.current().certificate();
			await().atMost(Duration.ofSeconds(15)).until(() -> identity.state() == MeshIdentity.State.EXPIRED);
			assertThat(identity.current().certificate()).isEqualTo(first);
			assertThat(app.getBean(MeterRegistry.class).get("mesh.identity.expiry.seconds").gauge().value())
				.isLessThanOrEqualTo(0);
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> served(app));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> output.getOut().contains("TLS handshakes fail until a renewal succeeds"));
			assertThat(output.getOut()).contains("less than 30% of the certificate's lifetime is left");
			this.ca.unavailable(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> identity.state() == MeshIdentity.State.VALID);
			// the server reloads its SSL context after the bundle update, not with it
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> !served(app).getSerialNumber().equals(first.getSerialNumber()));
		}
	}

	@Test
	void startupFailsWhenTheIssuedCertificateIsNotTheRequestedIdentity() {
		this.ca.flaw(TestCertificateAuthority.Flaw.WRONG_ID);
		assertThatException().isThrownBy(() -> app().close())
			.havingRootCause()
			.withMessageContaining("names spiffe://cluster.local/ns/default/sa/someone-else");
	}

	private ConfigurableApplicationContext app(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=catalog", "server.port=0", "server.address=127.0.0.1",
					"server.ssl.bundle=" + MeshIdentity.SSL_BUNDLE, "mesh.control.enabled=false",
					"mesh.control.url=" + this.ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=" + TestCertificateAuthority.JOIN_TOKEN,
					"management.endpoints.web.exposure.include=mesh")
			.properties(properties)
			.run();
	}

	private X509Certificate served(ConfigurableApplicationContext app) throws Exception {
		return this.ca.served(((WebServerApplicationContext) app).getWebServer().getPort());
	}

}
