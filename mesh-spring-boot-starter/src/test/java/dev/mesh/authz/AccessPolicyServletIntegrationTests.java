package dev.mesh.authz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.identity.Issued;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.resilience.CallerIdentityResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Access policies on Spring MVC (Tomcat), with real mutual TLS: callers present
 * certificates of the test authority with chosen names and flaws.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessPolicyServletIntegrationTests {

	private static TestCertificateAuthority ca;

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		ca = TestCertificateAuthority.start(AuthzTestApps.SERVER);
		app = AuthzTestApps.start(ServletApplication.class, WebApplicationType.SERVLET, ca, "management.server.port=0",
				"management.server.address=127.0.0.1", "management.server.ssl.enabled=false",
				"mesh.authz.case-insensitive-paths=true",
				"mesh.inbound.rate-limit.callers[inventory].requests-per-second=1");
		port = AuthzTestApps.port(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		ca.close();
	}

	@Test
	void allowsAnAllowedPrincipal() throws Exception {
		HttpResponse<String> response = caller("storefront").get(port, "/orders/7");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("order 7");
	}

	@Test
	void deniesAnotherSpiffeIdWithAProblemThatDoesNotNameThePolicy() throws Exception {
		HttpResponse<String> response = caller("pricing").get(port, "/orders/7");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"reason\":\"not-allowed\"")
			.doesNotContain("allow-callers")
			.doesNotContain("storefront");
	}

	@Test
	void deniesCertificatesThatAreNotValidIdentitiesOfTheMesh() throws Exception {
		List<Issued> rejected = List.of(ca.issue("spiffe://evil.example/ns/default/sa/storefront"),
				ca.issue(List.of(), false),
				ca.issue(List.of(AuthzTestApps.id("storefront"), AuthzTestApps.id("checkout")), false),
				ca.issue(List.of(AuthzTestApps.id("storefront")), true));
		int before = handlers().served("orders");
		for (Issued certificate : rejected) {
			HttpResponse<String> response = TlsCaller.of(certificate, ca.root(), AuthzTestApps.SERVER)
				.get(port, "/orders/7");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("\"reason\":\"peer-identity\"");
		}
		assertThat(handlers().served("orders")).isEqualTo(before);
	}

	@Test
	void stripsSpoofedIdentityHeadersBeforeTheApplicationSeesThem() throws Exception {
		HttpResponse<String> response = caller("storefront").get(port, "/headers", "X-Spiffe-Id",
				AuthzTestApps.id("admin"), "X-Forwarded-Client-Cert", "By=spiffe://x;URI=" + AuthzTestApps.id("admin"),
				"X-Client-Cert", "MIIB", "x-mesh-caller", "admin", "X-Tenant", "blue");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("principal=" + AuthzTestApps.id("storefront"))
			.contains("x-tenant")
			.doesNotContain("x-spiffe-id")
			.doesNotContain("x-forwarded-client-cert")
			.doesNotContain("x-client-cert")
			.doesNotContain("x-mesh-caller");
	}

	@Test
	void denyPolicyBeatsAllowPolicy() throws Exception {
		int before = handlers().served("admin");
		assertThat(caller("storefront").get(port, "/admin").statusCode()).isEqualTo(403);
		assertThat(caller("storefront").get(port, "/admin/users").body()).contains("\"reason\":\"denied\"");
		assertThat(handlers().served("admin")).isEqualTo(before);
	}

	@Test
	void everySpellingOfADeniedPathIsDeniedOnTomcat() throws Exception {
		Map<String, Integer> statuses = NormalizationMatrix.check(caller("storefront"), port, handlers());
		// Tomcat itself refuses some spellings; the mesh denies the ones it lets through
		assertThat(statuses).containsEntry("/a/../admin", 403)
			.containsEntry("/admin;x", 403)
			.containsEntry("/ADMIN", 403)
			.containsEntry("/%61dmin", 403);
	}

	@Test
	void opensslAsAnOutsideClientIsAllowedOrDeniedByItsCertificate(@TempDir Path directory) throws Exception {
		assumeTrue(OpensslClient.installed(), "openssl is not installed: the outside-client test needs it");
		ca.issue(AuthzTestApps.id("storefront")).writePem(directory, "storefront");
		ca.issue(AuthzTestApps.id("pricing")).writePem(directory, "pricing");
		OpensslClient openssl = new OpensslClient(directory, port);
		assertThat(openssl.get("storefront", "/orders/5")).startsWith("HTTP/1.1 200").contains("order 5");
		assertThat(openssl.get("pricing", "/orders/5")).startsWith("HTTP/1.1 403").contains("not-allowed");
	}

	@Test
	void auditedPolicyLetsTheRequestThroughAndCountsIt(CapturedOutput output) throws Exception {
		assertThat(caller("checkout").get(port, "/audited").statusCode()).isEqualTo(200);
		assertThat(output.getOut())
			.contains("shop/audit-reports would deny GET /audited from " + AuthzTestApps.id("checkout"));
		assertThat(app.getBean(MeterRegistry.class)
			.get("mesh.authz.decisions")
			.tags("decision", "audit-deny", "policy", "shop/audit-reports", "mesh.service", "catalog")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		AuthorizationDescriptor shown = app.getBean(MeshEndpoint.class).mesh().authorization();
		assertThat(shown.policies()).extracting(AuthorizationDescriptor.Policy::name)
			.containsExactly("shop/allow-callers", "shop/audit-reports", "shop/deny-admin");
		assertThat(shown.policies().get(1).audit()).isTrue();
		assertThat(shown.decisions()).anySatisfy((decisions) -> {
			assertThat(decisions.decision()).isEqualTo("audit-deny");
			assertThat(decisions.policy()).isEqualTo("shop/audit-reports");
			assertThat(decisions.count()).isPositive();
		});
	}

	@Test
	void appliesAChangedPolicyWithoutRestart() throws Exception {
		assertThat(caller("pricing").get(port, "/orders/1").statusCode()).isEqualTo(403);
		MapPropertySource pushed = new MapPropertySource("pushed",
				Map.of("mesh.inbound.access[shop/allow-pricing].action", "ALLOW",
						"mesh.inbound.access[shop/allow-pricing].rules[0].from.principals[0]",
						AuthzTestApps.id("pricing")));
		app.getEnvironment().getPropertySources().addFirst(pushed);
		try {
			app.publishEvent(new EnvironmentChangeEvent(app, Set.of(pushed.getPropertyNames())));
			assertThat(caller("pricing").get(port, "/orders/1").statusCode()).isEqualTo(200);
		}
		finally {
			app.getEnvironment().getPropertySources().remove("pushed");
			app.publishEvent(new EnvironmentChangeEvent(app, Set.of(pushed.getPropertyNames())));
		}
		assertThat(caller("pricing").get(port, "/orders/1").statusCode()).isEqualTo(403);
	}

	@Test
	void managementPortIsNotSubjectToAccessPolicies() throws Exception {
		int management = app.getEnvironment().getProperty("local.management.port", Integer.class);
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

	@Test
	void limitsTheRateOfTheCallerItsCertificateNames() throws Exception {
		assertThat(app.getBean(CallerIdentityResolver.class)).isInstanceOf(SpiffeCallerIdentityResolver.class);
		TlsCaller inventory = caller("inventory");
		int status = 200;
		for (int i = 0; i < 20 && status == 200; i++) {
			// the caller header claims another caller: it is stripped, the certificate
			// counts
			status = inventory.get(port, "/orders/1", "x-mesh-caller", "storefront").statusCode();
		}
		assertThat(status).isEqualTo(429);
		assertThat(app.getBean(MeterRegistry.class)
			.get("mesh.server.rate.limited")
			.tag("mesh.caller", "inventory")
			.counter()
			.count()).isPositive();
		assertThat(caller("storefront").get(port, "/orders/1").statusCode()).isEqualTo(200);
	}

	private static TlsCaller caller(String serviceAccount) throws Exception {
		return TlsCaller.of(ca.issue(AuthzTestApps.id(serviceAccount)), ca.root(), AuthzTestApps.SERVER);
	}

	private static AuthzTestApps.Handlers handlers() {
		return app.getBean(AuthzTestApps.Handlers.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AuthzTestApps.Handlers.class)
	static class ServletApplication {

	}

}
