package dev.mesh.authz;

import java.net.http.HttpResponse;

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
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;

import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications with their own Spring Security filter chain (MVC and WebFlux) and method
 * security: mesh callers are authenticated by their SPIFFE ID, usable in
 * {@code @PreAuthorize}, and exempt from CSRF protection.
 */
class SpringSecurityIntegrationTests {

	private static TestCertificateAuthority ca;

	private static ConfigurableApplicationContext servlet;

	private static ConfigurableApplicationContext reactive;

	@BeforeAll
	static void start() throws Exception {
		ca = TestCertificateAuthority.start(AuthzTestApps.SERVER);
		servlet = AuthzTestApps.start(ServletApplication.class, WebApplicationType.SERVLET, ca);
		reactive = AuthzTestApps.start(ReactiveApplication.class, WebApplicationType.REACTIVE, ca);
	}

	@AfterAll
	static void stop() {
		servlet.close();
		reactive.close();
		ca.close();
	}

	@Test
	void preAuthorizeSeesTheSpiffePrincipalOnMvc() throws Exception {
		whoAmI(AuthzTestApps.port(servlet));
	}

	@Test
	void preAuthorizeSeesTheSpiffePrincipalOnWebFlux() throws Exception {
		whoAmI(AuthzTestApps.port(reactive));
	}

	@Test
	void meshCallersNeedNoCsrfToken() throws Exception {
		for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] { servlet, reactive }) {
			HttpResponse<String> created = caller("checkout").post(AuthzTestApps.port(app), "/orders");
			assertThat(created.statusCode()).isEqualTo(200);
			assertThat(created.body()).isEqualTo("created by " + AuthzTestApps.id("checkout"));
		}
	}

	@Test
	void accessPoliciesStillApplyBeforeSpringSecurityAuthorization() throws Exception {
		for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] { servlet, reactive }) {
			HttpResponse<String> denied = caller("pricing").get(AuthzTestApps.port(app), "/whoami");
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(denied.body()).contains("\"reason\":\"not-allowed\"");
		}
	}

	private static void whoAmI(int port) throws Exception {
		HttpResponse<String> storefront = caller("storefront").get(port, "/whoami");
		assertThat(storefront.statusCode()).isEqualTo(200);
		assertThat(storefront.body()).isEqualTo(AuthzTestApps.id("storefront") + " in default "
				+ "[MESH_PEER, SPIFFE_ID_" + AuthzTestApps.id("storefront") + "]");
		// allowed by the access policy, refused by @PreAuthorize
		HttpResponse<String> checkout = caller("checkout").get(port, "/whoami");
		assertThat(checkout.statusCode()).isEqualTo(403);
		assertThat(checkout.body()).doesNotContain("reason");
	}

	private static TlsCaller caller(String serviceAccount) throws Exception {
		return TlsCaller.of(ca.issue(AuthzTestApps.id(serviceAccount)), ca.root(), AuthzTestApps.SERVER);
	}

	static String describe(Authentication authentication) {
		MeshPrincipal principal = (MeshPrincipal) authentication.getPrincipal();
		return authentication.getName() + " in " + principal.namespace() + " " + authentication.getAuthorities();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	@EnableMethodSecurity
	@Import(ServletApplication.Endpoints.class)
	static class ServletApplication {

		@Bean
		SecurityFilterChain applicationChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

		@RestController
		static class Endpoints {

			@GetMapping("/whoami")
			@PreAuthorize("principal.serviceAccount == 'storefront'")
			String whoami(Authentication authentication) {
				return describe(authentication);
			}

			@PostMapping("/orders")
			String create(Authentication authentication) {
				return "created by " + authentication.getName();
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
			+ "TomcatReactiveManagementContextAutoConfiguration")
	@EnableWebFlux
	@EnableWebFluxSecurity
	@EnableReactiveMethodSecurity
	@Import(ReactiveApplication.Endpoints.class)
	static class ReactiveApplication {

		@Bean
		HttpHandler httpHandler(ApplicationContext context) {
			return WebHttpHandlerBuilder.applicationContext(context).build();
		}

		@Bean
		SecurityWebFilterChain applicationChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
		}

		@RestController
		static class Endpoints {

			@GetMapping("/whoami")
			@PreAuthorize("principal.serviceAccount == 'storefront'")
			Mono<String> whoami(Authentication authentication) {
				return Mono.just(describe(authentication));
			}

			@PostMapping("/orders")
			Mono<String> create(Authentication authentication) {
				return Mono.just("created by " + authentication.getName());
			}

		}

	}

}
