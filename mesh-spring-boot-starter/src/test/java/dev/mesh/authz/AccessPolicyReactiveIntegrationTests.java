package dev.mesh.authz;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import dev.mesh.identity.Issued;
import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access policies on WebFlux (Netty), with real mutual TLS.
 */
class AccessPolicyReactiveIntegrationTests {

	private static TestCertificateAuthority ca;

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		ca = TestCertificateAuthority.start(AuthzTestApps.SERVER);
		app = AuthzTestApps.start(ReactiveApplication.class, WebApplicationType.REACTIVE, ca,
				"mesh.authz.case-insensitive-paths=true");
		port = AuthzTestApps.port(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		ca.close();
	}

	@Test
	void allowsAnAllowedPrincipalAndDeniesAnother() throws Exception {
		assertThat(caller("storefront").get(port, "/orders/3").body()).isEqualTo("order 3");
		HttpResponse<String> denied = caller("pricing").get(port, "/orders/3");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.body()).contains("\"reason\":\"not-allowed\"").doesNotContain("shop/");
	}

	@Test
	void deniesCertificatesThatAreNotValidIdentitiesOfTheMesh() throws Exception {
		for (Issued certificate : List.of(ca.issue("spiffe://evil.example/ns/default/sa/storefront"),
				ca.issue(List.of(), false),
				ca.issue(List.of(AuthzTestApps.id("storefront"), AuthzTestApps.id("checkout")), false),
				ca.issue(List.of(AuthzTestApps.id("storefront")), true))) {
			HttpResponse<String> response = TlsCaller.of(certificate, ca.root(), AuthzTestApps.SERVER)
				.get(port, "/orders/3");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("\"reason\":\"peer-identity\"");
		}
	}

	@Test
	void stripsSpoofedIdentityHeadersBeforeTheApplicationSeesThem() throws Exception {
		HttpResponse<String> response = caller("checkout").get(port, "/headers", "X-Spiffe-Id",
				AuthzTestApps.id("admin"), "X-Forwarded-Client-Cert", "URI=" + AuthzTestApps.id("admin"), "Client-Cert",
				":MIIB:", "x-mesh-caller", "admin", "X-Tenant", "blue");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("principal=" + AuthzTestApps.id("checkout"))
			.contains("x-tenant")
			.doesNotContain("x-spiffe-id")
			.doesNotContain("x-forwarded-client-cert")
			.doesNotContain("client-cert")
			.doesNotContain("x-mesh-caller");
	}

	@Test
	void denyPolicyBeatsAllowPolicyAndAuditedPolicyOnlyCounts() throws Exception {
		assertThat(caller("storefront").get(port, "/admin/users").body()).contains("\"reason\":\"denied\"");
		assertThat(caller("storefront").get(port, "/audited").statusCode()).isEqualTo(200);
		assertThat(app.getBean(MeshAuthorization.class).describe().decisions())
			.anySatisfy((decisions) -> assertThat(decisions.decision() + " " + decisions.policy())
				.isEqualTo("audit-deny shop/audit-reports"))
			.anySatisfy((decisions) -> assertThat(decisions.decision() + " " + decisions.policy())
				.isEqualTo("deny shop/deny-admin"));
	}

	@Test
	void everySpellingOfADeniedPathIsDeniedOnNetty() throws Exception {
		Map<String, Integer> statuses = NormalizationMatrix.check(caller("storefront"), port,
				app.getBean(AuthzTestApps.Handlers.class));
		assertThat(statuses).containsEntry("//admin", 403)
			.containsEntry("/a/../admin", 403)
			.containsEntry("/admin%2F", 403)
			.containsEntry("/admin;x", 403)
			.containsEntry("/admin/", 403)
			.containsEntry("/ADMIN", 403)
			.containsEntry("/%2e%2e/admin", 400);
	}

	private static TlsCaller caller(String serviceAccount) throws Exception {
		return TlsCaller.of(ca.issue(AuthzTestApps.id(serviceAccount)), ca.root(), AuthzTestApps.SERVER);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
			+ "TomcatReactiveManagementContextAutoConfiguration")
	@EnableWebFlux
	@Import(AuthzTestApps.Handlers.class)
	static class ReactiveApplication {

		@Bean
		HttpHandler httpHandler(ApplicationContext context) {
			return WebHttpHandlerBuilder.applicationContext(context).build();
		}

	}

}
