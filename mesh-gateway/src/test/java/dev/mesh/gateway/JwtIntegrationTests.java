package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT validation at the edge against a real JSON Web Key Set: valid tokens are routed,
 * invalid ones are answered 401 without reaching a backend, and a missing token is 401
 * only where one is required.
 */
@GatewayIntegrationTest
class JwtIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final TestIssuer issuer = TestIssuer.get();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private MeterRegistry registry;

	@BeforeEach
	void pushRoutes() {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/open", "/open", "v1", 100, "v2", 0);
		policy.putAll(PolicyRoutesIntegrationTests.route("shop/members", "/members", "v1", 100, "v2", 0));
		policy.put("mesh.gateway.routes[shop/members].require-jwt", "true");
		TestMesh.push(this.context, policy);
		TestMesh.backends().reset();
	}

	@Test
	void routesAValidTokenAndAnswersInvalidOnes401WithoutCallingTheBackend() {
		assertThat(get("/open/items", this.issuer.token("alice", Map.of())).body()).isEqualTo("catalog@v1 /items");
		double invalid = count("invalid");
		for (String token : List.of(this.issuer.expired("alice"), this.issuer.forged("alice"),
				this.issuer.fromAnotherIssuer("alice"), "not-a-jwt")) {
			HttpResponse<String> response = get("/open/items", token);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		}
		assertThat(TestMesh.backends().catalogV1().requests()).isEqualTo(1);
		assertThat(count("invalid") - invalid).isEqualTo(4.0);
	}

	@Test
	void answersAMissingTokenOnlyWhereOneIsRequired() {
		assertThat(get("/open/items", null).statusCode()).isEqualTo(200);
		double missing = count("missing");
		HttpResponse<String> refused = get("/members/items", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(TestMesh.backends().catalogV1().requests()).isEqualTo(1);
		assertThat(get("/members/items", this.issuer.token("bob", Map.of())).body()).isEqualTo("catalog@v1 /items");
		assertThat(get("/yml-members/items", null).statusCode()).isEqualTo(401);
		assertThat(TestMesh.backends().storefront().requests()).isZero();
		assertThat(get("/yml-members/items", this.issuer.token("bob", Map.of())).body())
			.isEqualTo("storefront@v1 /yml-members/items");
		assertThat(count("missing") - missing).isEqualTo(2.0);
	}

	@Test
	void requiresATokenEverywhereOnThePublicPortWhenConfiguredSo() {
		required(true);
		try {
			assertThat(get("/open/items", null).statusCode()).isEqualTo(401);
			assertThat(get("/yml/items", null).statusCode()).isEqualTo(401);
			assertThat(get("/open/items", this.issuer.token("carol", Map.of())).statusCode()).isEqualTo(200);
			assertThat(TestMesh.get(this.http, this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(TestMesh.get(this.http, this.managementPort, "/actuator/health", "Authorization", "Bearer x")
				.statusCode()).isEqualTo(200);
		}
		finally {
			required(false);
		}
		assertThat(get("/open/items", null).statusCode()).isEqualTo(200);
		assertThat(TestMesh.backends().storefront().requests()).isZero();
	}

	private void required(boolean required) {
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("jwtRequired", Map.of("mesh.gateway.jwt.required", required)));
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.of("mesh.gateway.jwt.required")));
	}

	private double count(String result) {
		Counter counter = this.registry.find("mesh.gateway.jwt").tag("result", result).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> get(String path, String token) {
		return (token != null) ? TestMesh.get(this.http, this.port, path, "Authorization", "Bearer " + token)
				: TestMesh.get(this.http, this.port, path);
	}

}
