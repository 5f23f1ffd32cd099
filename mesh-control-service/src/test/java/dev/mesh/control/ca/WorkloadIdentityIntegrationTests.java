package dev.mesh.control.ca;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.JoinToken;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationResult;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The workload endpoints over real TLS with the control service's defaults: TLS on, a
 * workload certificate required.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "mesh.ca.serve-tls=true" })
@DirtiesContext
class WorkloadIdentityIntegrationTests {

	private static final String CATALOG_ID = "spiffe://cluster.local/ns/default/sa/catalog";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Path.of("target", "test-policy-data", "tls-" + UUID.randomUUID());
		GeneratedRoot.loadOrCreate(new SecureFiles(directory.resolve(CaAutoConfiguration.DIRECTORY)), "cluster.local",
				Duration.ofDays(30), Instant.now().minus(Duration.ofHours(2)));
		registry.add("mesh.policy.data-directory", directory::toString);
	}

	@Autowired
	private CertificateAuthority authority;

	private X509Certificate root;

	private HttpClient catalog;

	@BeforeEach
	void issueCatalogCertificate() throws Exception {
		this.root = this.authority.credentials().root();
		this.catalog = WorkloadTls.issue(this.authority, "catalog").client(this.root);
	}

	@Test
	void issuesTheFirstCertificateOverTlsToAWorkloadWithoutOne() throws Exception {
		HttpClient anonymous = WorkloadTls.NONE.client(this.root);
		HttpResponse<String> minted = WorkloadTls.send(anonymous, "POST", uri(CertificateApi.JOIN_TOKENS),
				Map.of("serviceAccount", "catalog"), CertificateApiIntegrationTests.ADMIN);
		assertThat(minted.statusCode()).isEqualTo(201);
		String token = WorkloadTls.read(minted, JoinToken.class).token();
		HttpResponse<String> signed = WorkloadTls.send(anonymous, "POST", uri(CertificateApi.CERTIFICATES),
				new CertificateRequest(TestPki.csr(TestPki.ec())), "Bearer " + token);
		assertThat(signed.statusCode()).isEqualTo(200);
		assertThat(WorkloadTls.read(signed, CertificateResponse.class).spiffeId()).isEqualTo(CATALOG_ID);
	}

	@Test
	void storesTheVerifiedSpiffeIdOverwritingWhatTheRegistrationClaimed() throws Exception {
		Registration spoofing = registration("tls-catalog-1", "catalog",
				Map.of(MeshInstance.SPIFFE_ID, "spiffe://cluster.local/ns/default/sa/pricing", "team", "shop"));
		HttpResponse<String> response = send(this.catalog, "POST", RegistryApi.INSTANCES, spoofing);
		assertThat(response.statusCode()).isEqualTo(201);
		MeshInstance stored = WorkloadTls.read(response, RegistrationResult.class).instance();
		assertThat(stored.metadata()).containsEntry(MeshInstance.SPIFFE_ID, CATALOG_ID).containsEntry("team", "shop");
		RegistrySnapshot registry = WorkloadTls.read(send(this.catalog, "GET", RegistryApi.SERVICES, null),
				RegistrySnapshot.class);
		assertThat(registry.instances("catalog"))
			.extracting((instance) -> instance.metadata().get(MeshInstance.SPIFFE_ID))
			.containsExactly(CATALOG_ID);
		assertThat(send(this.catalog, "PUT", heartbeat("tls-catalog-1"), null).statusCode()).isEqualTo(204);
		assertThat(send(this.catalog, "DELETE", instance("tls-catalog-1"), null).statusCode()).isEqualTo(204);
	}

	@Test
	void refusesToRegisterAnotherServicesInstanceNamingTheMismatch() throws Exception {
		HttpResponse<String> response = send(this.catalog, "POST", RegistryApi.INSTANCES,
				registration("tls-pricing-1", "pricing", Map.of()));
		assertThat(response.statusCode()).isEqualTo(403);
		ApiError error = WorkloadTls.read(response, ApiError.class);
		assertThat(error.error()).isEqualTo("identity-mismatch");
		assertThat(error.message()).contains(CATALOG_ID, "not pricing");
	}

	@Test
	void refusesToRenewOrRemoveAnotherWorkloadsInstance() throws Exception {
		HttpClient pricing = WorkloadTls.issue(this.authority, "pricing").client(this.root);
		assertThat(send(pricing, "POST", RegistryApi.INSTANCES, registration("tls-pricing-2", "pricing", Map.of()))
			.statusCode()).isEqualTo(201);
		HttpResponse<String> heartbeat = send(this.catalog, "PUT", heartbeat("tls-pricing-2"), null);
		assertThat(heartbeat.statusCode()).isEqualTo(403);
		assertThat(WorkloadTls.read(heartbeat, ApiError.class).message())
			.contains("registered by spiffe://cluster.local/ns/default/sa/pricing");
		assertThat(send(this.catalog, "DELETE", instance("tls-pricing-2"), null).statusCode()).isEqualTo(403);
		assertThat(send(pricing, "DELETE", instance("tls-pricing-2"), null).statusCode()).isEqualTo(204);
	}

	@Test
	void refusesWorkloadCallsWithoutACertificateEvenWithTheWorkloadToken() throws Exception {
		HttpClient anonymous = WorkloadTls.NONE.client(this.root);
		HttpResponse<String> response = WorkloadTls.send(anonymous, "POST", uri(RegistryApi.INSTANCES),
				registration("tls-catalog-2", "catalog", Map.of()), "Bearer test-workload-token-0123456789");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(WorkloadTls.read(response, ApiError.class).error()).isEqualTo("identity-required");
		assertThat(send(anonymous, "GET", RegistryApi.WATCH, null).statusCode()).isEqualTo(401);
		assertThat(send(anonymous, "GET", policyWatch("catalog"), null).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesCertificatesFromAnotherAuthorityOrExpired(@TempDir Path directory) throws Exception {
		CertificateAuthority other = new CertificateAuthority(GeneratedRoot.loadOrCreate(new SecureFiles(directory),
				"cluster.local", Duration.ofDays(1), Instant.now()), "cluster.local", Duration.ofHours(1),
				Clock.systemUTC());
		HttpClient foreign = WorkloadTls.issue(other, "catalog").client(this.root);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> send(foreign, "POST", RegistryApi.INSTANCES, registration("x", "catalog", Map.of())));
		// The root was made two hours ago (see dataDirectory), so it issued certificates
		// then
		Clock lastHour = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
		CertificateAuthority past = new CertificateAuthority(this.authority.credentials(), "cluster.local",
				Duration.ofMinutes(1), lastHour);
		HttpClient expired = WorkloadTls.issue(past, "catalog").client(this.root);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> send(expired, "POST", RegistryApi.INSTANCES, registration("x", "catalog", Map.of())));
	}

	@Test
	void letsAWorkloadWatchAndAcknowledgeItsOwnPolicyOnly() throws Exception {
		HttpResponse<InputStream> own = this.catalog.send(
				HttpRequest.newBuilder(uri(policyWatch("catalog"))).timeout(Duration.ofSeconds(20)).build(),
				BodyHandlers.ofInputStream());
		own.body().close();
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(send(this.catalog, "GET", policyWatch("pricing"), null).statusCode()).isEqualTo(403);
		HttpResponse<String> ack = send(this.catalog, "POST", DeliveryApi.ACKS,
				new PolicyAck("pricing-1", "pricing", 1, true, null));
		assertThat(ack.statusCode()).isEqualTo(403);
		assertThat(WorkloadTls.read(ack, ApiError.class).error()).isEqualTo("identity-mismatch");
	}

	private HttpResponse<String> send(HttpClient client, String method, String path, Object body) throws Exception {
		return WorkloadTls.send(client, method, uri(path), body, null);
	}

	private URI uri(String path) {
		return URI.create("https://127.0.0.1:" + this.port + path);
	}

	private static Registration registration(String instanceId, String service, Map<String, String> metadata) {
		return new Registration(instanceId, service, "127.0.0.1", 8080, "v1", null, metadata);
	}

	private static String heartbeat(String instanceId) {
		return RegistryApi.HEARTBEAT.replace("{instanceId}", instanceId);
	}

	private static String instance(String instanceId) {
		return RegistryApi.INSTANCE.replace("{instanceId}", instanceId);
	}

	private static String policyWatch(String service) {
		return DeliveryApi.WATCH + "?" + DeliveryApi.SERVICE_PARAMETER + "=" + service + "&"
				+ DeliveryApi.INSTANCE_PARAMETER + "=" + service + "-1";
	}

}
