package dev.mesh.control.ca;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "mesh.ca.serve-tls=true", "mesh.ca.server-names=control.mesh.test" })
@DirtiesContext
class ServingTlsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private CertificateAuthority authority;

	@Autowired
	private ServingCertificate serving;

	@Test
	void servesTheApiOverTlsToClientsThatTrustOnlyTheRoot() throws Exception {
		X509Certificate root = this.authority.credentials().root();
		HttpResponse<String> status = get(trusting(root), "https://127.0.0.1:" + this.port + "/v1/status");
		assertThat(status.statusCode()).isEqualTo(200);
		X509Certificate served = (X509Certificate) status.sslSession().orElseThrow().getPeerCertificates()[0];
		assertThat(WorkloadCertificates.checkLeaf(served, "cluster.local", Role.SERVER))
			.isEqualTo(CertificateApi.controlServiceId("cluster.local"));
		assertThat(served.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"),
				List.of(2, "control.mesh.test"));
		HttpResponse<String> bundle = get(trusting(root),
				"https://localhost:" + this.port + CertificateApi.TRUST_BUNDLE);
		assertThat(Pem.readCertificates(bundle.body())).containsExactly(root);
	}

	@Test
	void refusesPlaintextAndClientsThatDoNotTrustTheRoot() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> get(HttpClient.newHttpClient(), "https://127.0.0.1:" + this.port + "/v1/status"));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> get(HttpClient.newHttpClient(), "http://127.0.0.1:" + this.port + "/v1/status"));
	}

	@Test
	void renewsTheServingCertificateWithoutARestart() throws Exception {
		X509Certificate root = this.authority.credentials().root();
		X509Certificate before = peer(get(trusting(root), "https://127.0.0.1:" + this.port + "/v1/status"));
		this.serving.renew();
		X509Certificate after = peer(get(trusting(root), "https://127.0.0.1:" + this.port + "/v1/status"));
		assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
		assertThat(after).isEqualTo(this.serving.current().certificate());
	}

	private static X509Certificate peer(HttpResponse<?> response) throws Exception {
		return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
	}

	private static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.header("Authorization", CertificateApiIntegrationTests.ADMIN)
			.timeout(Duration.ofSeconds(10))
			.build();
		return client.send(request, BodyHandlers.ofString());
	}

	private static HttpClient trusting(X509Certificate root) throws Exception {
		KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
		trustStore.load(null, null);
		trustStore.setCertificateEntry("mesh-root", root);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
	}

}
