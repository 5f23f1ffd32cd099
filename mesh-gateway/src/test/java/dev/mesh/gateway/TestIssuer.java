package dev.mesh.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * A token issuer for integration tests: its JSON Web Key Set served on a loopback port,
 * and tokens signed with its key (or, to be refused, with a stranger's key under the same
 * key id, expired, or naming another issuer).
 */
final class TestIssuer {

	static final String ISSUER = "https://issuer.test";

	private static TestIssuer issuer;

	private final RSAKey key;

	private final RSAKey stranger;

	private final HttpServer server;

	private final AtomicInteger keySetRequests = new AtomicInteger();

	private TestIssuer() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("mesh-test").generate();
		this.stranger = new RSAKeyGenerator(2048).keyID("mesh-test").generate();
		byte[] keySet = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/jwks", (exchange) -> {
			this.keySetRequests.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keySet.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(keySet);
			}
		});
		this.server.start();
	}

	static synchronized TestIssuer get() {
		if (issuer == null) {
			try {
				issuer = new TestIssuer();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return issuer;
	}

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	int keySetRequests() {
		return this.keySetRequests.get();
	}

	String token(String subject, Map<String, Object> claims) {
		return sign(this.key, ISSUER, subject, claims, Instant.now().plus(Duration.ofMinutes(5)));
	}

	String expired(String subject) {
		return sign(this.key, ISSUER, subject, Map.of(), Instant.now().minus(Duration.ofMinutes(5)));
	}

	String forged(String subject) {
		return sign(this.stranger, ISSUER, subject, Map.of(), Instant.now().plus(Duration.ofMinutes(5)));
	}

	String fromAnotherIssuer(String subject) {
		return sign(this.key, "https://other.test", subject, Map.of(), Instant.now().plus(Duration.ofMinutes(5)));
	}

	private static String sign(RSAKey key, String issuer, String subject, Map<String, Object> claims, Instant expiry) {
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(expiry));
		claims.forEach(set::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				set.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static synchronized void close() {
		if (issuer != null) {
			issuer.server.stop(0);
			issuer = null;
		}
	}

	/**
	 * Points the gateway's JWT validation at the test issuer before it starts.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestIssuer issuer = get();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("testIssuer", Map.of("mesh.gateway.jwt.jwk-set-uri", issuer.jwkSetUri(),
						"mesh.gateway.jwt.issuer-uri", ISSUER)));
			context.addApplicationListener((event) -> {
				if (event instanceof ContextClosedEvent) {
					close();
				}
			});
		}

	}

}
