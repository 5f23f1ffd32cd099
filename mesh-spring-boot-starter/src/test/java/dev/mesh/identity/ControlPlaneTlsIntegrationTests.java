package dev.mesh.identity;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A workload with an identity and a control service over HTTPS that asks for client
 * certificates, as the real one does by default.
 */
@ExtendWith(OutputCaptureExtension.class)
class ControlPlaneTlsIntegrationTests {

	private static final SpiffeId ID = new SpiffeId("cluster.local", "default", "catalog");

	@TempDir
	Path directory;

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
	void everyCallAfterIssuancePresentsTheNewestWorkloadCertificate(CapturedOutput output) throws Exception {
		// 1-minute certificates renewed after 5% of their lifetime: about every 3 s
		try (FakeControlService control = FakeControlService.startTls(this.ca.serverContext(), this.ca.handlers());
				ConfigurableApplicationContext app = app(control, "mesh.identity.renewal-fraction=0.05")) {
			MeshIdentity identity = app.getBean(MeshIdentity.class);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(control.clientCertificates().stream().map(this::withoutSerial))
					.contains("POST " + RegistryApi.INSTANCES, "GET " + RegistryApi.WATCH, "GET " + DeliveryApi.WATCH,
							"POST " + DeliveryApi.ACKS, "PUT heartbeat", "POST " + CertificateApi.CERTIFICATES));
			// The bootstrap has no certificate yet; everything after it presents one,
			// renewals included
			assertThat(control.clientCertificates()).startsWith("GET " + CertificateApi.TRUST_BUNDLE + " none",
					"POST " + CertificateApi.CERTIFICATES + " none");
			assertThat(control.clientCertificates().subList(2, control.clientCertificates().size()))
				.noneMatch((call) -> call.endsWith(" none"));
			assertThat(output.getOut()).contains("Trust on first use", ControlPlaneTls.fingerprint(this.ca.root()));
			// New connections present each renewed certificate
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				String current = identity.current().serialNumber();
				List<String> heartbeats = control.clientCertificates()
					.stream()
					.filter((call) -> call.startsWith("PUT "))
					.map((call) -> call.substring(call.lastIndexOf(' ') + 1))
					.distinct()
					.toList();
				return heartbeats.size() >= 2 && heartbeats.contains(current);
			});
		}
	}

	private String withoutSerial(String call) {
		String request = call.substring(0, call.lastIndexOf(' '));
		return request.endsWith("/heartbeat") ? "PUT heartbeat" : request;
	}

	@Test
	void refusesAControlServiceWhoseCertificateIsNotFromTheTrustedRoot() throws Exception {
		try (TestCertificateAuthority other = TestCertificateAuthority.start(ID)) {
			Path trustBundle = trustBundle(other);
			assertThatException()
				.isThrownBy(() -> app(this.ca.url(), "mesh.identity.trust-bundle=" + trustBundle).close())
				.withStackTraceContaining("TLS handshake with the control service at " + this.ca.url() + " failed")
				.withStackTraceContaining("must chain to the trusted root");
		}
		assertThat(this.ca.requests()).isZero();
	}

	@Test
	void refusesAControlServiceWhoseCertificateNamesAnotherHost() throws Exception {
		try (TestCertificateAuthority elsewhere = TestCertificateAuthority.startNamed(ID, "control.elsewhere.test")) {
			Path trustBundle = trustBundle(elsewhere);
			assertThatException()
				.isThrownBy(() -> app(elsewhere.url(), "mesh.identity.trust-bundle=" + trustBundle).close())
				.withStackTraceContaining("and name the host 127.0.0.1")
				.withStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
			assertThat(elsewhere.requests()).isZero();
		}
	}

	@Test
	void retriesAControlServiceThatCannotBeReachedAtStartupThenStopsTheStart(CapturedOutput output) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		URI nowhere = URI.create("https://127.0.0.1:" + port);
		assertThatException()
			.isThrownBy(() -> app(nowhere, "mesh.identity.trust-bundle=" + trustBundle(this.ca),
					"mesh.identity.initial-backoff=10ms", "mesh.identity.max-backoff=20ms")
				.close())
			.withStackTraceContaining("cannot connect to the control service");
		assertThat(output.getOut()).contains("first workload certificate (attempt 4 of " + FirstCertificate.ATTEMPTS);
	}

	@Test
	void refusesPlainHttpToTheControlServiceWithAnIdentity() {
		assertThatException().isThrownBy(() -> app(URI.create("http://127.0.0.1:1")).close())
			.havingRootCause()
			.withMessageContaining("'mesh.control.url' must be an https URL when mesh.identity.enabled is true");
	}

	private Path trustBundle(TestCertificateAuthority authority) throws Exception {
		Path file = this.directory.resolve("trust-bundle-" + System.nanoTime() + ".pem");
		Files.writeString(file, Pem.encodeCertificates(List.of(authority.root())));
		return file;
	}

	private ConfigurableApplicationContext app(FakeControlService control, String... properties) {
		return app(control.url(), properties);
	}

	private ConfigurableApplicationContext app(URI controlUrl, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=catalog", "server.port=0", "server.address=127.0.0.1",
					"mesh.address=127.0.0.1", "mesh.control.url=" + controlUrl, "mesh.identity.enabled=true",
					"mesh.identity.join-token=" + TestCertificateAuthority.JOIN_TOKEN,
					"mesh.control.initial-backoff=50ms", "mesh.discovery.drain-delay=0s",
					"mesh.sync.cache-directory=" + this.directory.resolve("cache"))
			.properties(properties)
			.run();
	}

}
