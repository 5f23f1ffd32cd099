package dev.mesh.authz;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.TestCertificateAuthority;
import dev.mesh.policy.identity.SpiffeId;

/**
 * Applications protected by access policies, served over mutual TLS with a workload
 * certificate of the test authority, as {@code catalog}: storefront, checkout and
 * inventory are allowed, {@code /admin} and below are denied to everyone,
 * {@code /audited} is denied by an audited policy only.
 */
final class AuthzTestApps {

	static final SpiffeId SERVER = new SpiffeId("cluster.local", "default", "catalog");

	static final List<String> POLICIES = List.of("mesh.inbound.access[shop/allow-callers].action=ALLOW",
			"mesh.inbound.access[shop/allow-callers].rules[0].from.principals[0]=" + id("storefront"),
			"mesh.inbound.access[shop/allow-callers].rules[0].from.principals[1]=" + id("checkout"),
			"mesh.inbound.access[shop/allow-callers].rules[0].from.principals[2]=" + id("inventory"),
			"mesh.inbound.access[shop/deny-admin].action=DENY",
			"mesh.inbound.access[shop/deny-admin].rules[0].to.paths[0]=/admin/*",
			"mesh.inbound.access[shop/audit-reports].action=DENY", "mesh.inbound.access[shop/audit-reports].audit=true",
			"mesh.inbound.access[shop/audit-reports].rules[0].to.paths[0]=/audited");

	private AuthzTestApps() {
	}

	static String id(String serviceAccount) {
		return new SpiffeId("cluster.local", "default", serviceAccount).toString();
	}

	static ConfigurableApplicationContext start(Class<?> application, WebApplicationType type,
			TestCertificateAuthority ca, String... properties) {
		// The application's own server.ssl with Boot's PKIX checks, not the mesh's mTLS
		// (which
		// refuses these certificates in the handshake, see dev.mesh.mtls): what
		// authorization
		// alone decides is tested
		return new SpringApplicationBuilder(application).web(type)
			.properties("spring.application.name=catalog", "mesh.inbound.mtls.mode=DISABLED", "server.port=0",
					"server.address=127.0.0.1", "server.ssl.bundle=" + MeshIdentity.SSL_BUNDLE,
					"server.ssl.client-auth=need", "mesh.control.enabled=false", "mesh.control.url=" + ca.url(),
					"mesh.identity.enabled=true", "mesh.identity.join-token=" + TestCertificateAuthority.JOIN_TOKEN,
					"management.endpoints.web.exposure.include=mesh,health")
			.properties(POLICIES.toArray(String[]::new))
			.properties(properties)
			.run();
	}

	static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	/**
	 * Handlers of the protected application, counting what they serve.
	 */
	@RestController
	static class Handlers {

		final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return count("orders", "order " + id);
		}

		@GetMapping({ "/admin", "/admin/users" })
		String admin() {
			return count("admin", "admin");
		}

		@GetMapping("/audited")
		String audited() {
			return count("audited", "audited");
		}

		@GetMapping("/headers")
		String headers(@RequestHeader HttpHeaders headers, Principal principal) {
			return "principal=" + ((principal != null) ? principal.getName() : null) + "\nheaders="
					+ new TreeSet<>(headers.headerNames().stream().map(String::toLowerCase).toList());
		}

		int served(String handler) {
			AtomicInteger count = this.served.get(handler);
			return (count != null) ? count.get() : 0;
		}

		private String count(String handler, String answer) {
			this.served.computeIfAbsent(handler, (name) -> new AtomicInteger()).incrementAndGet();
			return answer;
		}

	}

}
