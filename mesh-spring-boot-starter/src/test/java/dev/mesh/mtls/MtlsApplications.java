package dev.mesh.mtls;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.policy.identity.SpiffeId;

/**
 * Applications of the mTLS tests: a Spring MVC one on Tomcat and a WebFlux one on Reactor
 * Netty, each with a workload identity from the test authority, serving {@code /hello}.
 */
final class MtlsApplications {

	private MtlsApplications() {
	}

	/**
	 * Start a certificate authority that entitles each service's join token
	 * ({@code join.<service>.secret}) to
	 * {@code spiffe://cluster.local/ns/default/sa/<service>}.
	 * @param services the services
	 * @return the running authority
	 * @throws Exception if it cannot start
	 */
	static TestCertificateAuthority authority(String... services) throws Exception {
		TestCertificateAuthority ca = TestCertificateAuthority.start(identity("mesh-test"));
		for (String service : services) {
			ca.entitle("join." + service + ".secret", identity(service));
		}
		return ca;
	}

	static SpiffeId identity(String service) {
		return new SpiffeId("cluster.local", "default", service);
	}

	/**
	 * Start a Spring MVC application on Tomcat.
	 * @param ca the certificate authority
	 * @param service the service name; its join token is {@code join.<service>.secret}
	 * @param properties further properties
	 * @return the running application
	 */
	static ConfigurableApplicationContext servlet(TestCertificateAuthority ca, String service, String... properties) {
		return builder(ServletApplication.class, ca, service, properties).web(WebApplicationType.SERVLET).run();
	}

	/**
	 * Start a WebFlux application on Reactor Netty.
	 * @param ca the certificate authority
	 * @param service the service name; its join token is {@code join.<service>.secret}
	 * @param properties further properties
	 * @return the running application
	 */
	static ConfigurableApplicationContext reactive(TestCertificateAuthority ca, String service, String... properties) {
		return builder(ReactiveApplication.class, ca, service, properties).web(WebApplicationType.REACTIVE).run();
	}

	static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	static int managementPort(ConfigurableApplicationContext app) {
		return app.getEnvironment().getProperty("local.management.port", Integer.class);
	}

	static TlsHandshakes handshakes(ConfigurableApplicationContext app) {
		return app.getBean(TlsHandshakes.class);
	}

	private static SpringApplicationBuilder builder(Class<?> application, TestCertificateAuthority ca, String service,
			String... properties) {
		List<String> defaults = new ArrayList<>(List.of("spring.application.name=" + service, "server.port=0",
				"server.address=127.0.0.1", "management.server.address=127.0.0.1", "mesh.control.enabled=false",
				"mesh.control.url=" + ca.url(), "mesh.identity.enabled=true",
				"mesh.identity.join-token=join." + service + ".secret", "mesh.discovery.drain-delay=0s"));
		defaults.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).properties(defaults.toArray(new String[0]));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Hello.class)
	static class ServletApplication {

	}

	@RestController
	static class Hello {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/bye")
		String bye(HttpServletResponse response) {
			// The client opens a new connection for its next request
			response.setHeader("Connection", "close");
			return "bye";
		}

	}

	@SpringBootConfiguration
	// Both servers are on the test class path: Boot's reactive management contexts of
	// Tomcat and Netty would both be registered for the management port
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
			+ "TomcatReactiveManagementContextAutoConfiguration")
	@Import(ReactiveHello.class)
	static class ReactiveApplication {

	}

	@RestController
	static class ReactiveHello {

		@GetMapping("/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

	}

}
