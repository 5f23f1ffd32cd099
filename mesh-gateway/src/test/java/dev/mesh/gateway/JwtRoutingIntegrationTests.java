package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.gateway.traffic.StickyKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims of validated tokens in route matches and as sticky keys, through the running
 * gateway, and what {@code /actuator/mesh} shows of them.
 */
@GatewayIntegrationTest
class JwtRoutingIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final TestIssuer issuer = TestIssuer.get();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private ExpressionProbe probe;

	@BeforeEach
	void pushRoutes() {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/admins", "/claims", "v2", 100, "v1", 0);
		policy.put("mesh.gateway.routes[shop/admins].order", "1");
		policy.put("mesh.gateway.routes[shop/admins].match.claims.groups", "admins");
		policy.put("mesh.gateway.routes[shop/admins].match.claims.tier", "gold");
		policy.putAll(PolicyRoutesIntegrationTests.route("shop/everyone", "/claims", "v1", 100, "v2", 0));
		policy.put("mesh.gateway.routes[shop/everyone].order", "10");
		policy.putAll(PolicyRoutesIntegrationTests.route("shop/sticky", "/sticky", "v1", 50, "v2", 50));
		policy.put("mesh.gateway.routes[shop/sticky].sticky-claim", "sub");
		TestMesh.push(this.context, policy);
	}

	@Test
	void routesByClaimsOfAValidTokenOnly() {
		assertThat(get("/claims/items", token("ann", List.of("users", "admins"), "gold"))).isEqualTo("catalog@v2");
		assertThat(get("/claims/items", token("ben", List.of("users"), "gold"))).isEqualTo("catalog@v1");
		assertThat(get("/claims/items", token("cat", List.of("admins"), "silver"))).isEqualTo("catalog@v1");
		assertThat(get("/claims/items", null)).isEqualTo("catalog@v1");
		assertThat(response("/claims/items", this.issuer.forged("ann")).statusCode()).isEqualTo(401);
		assertThat(get("/yml-admins/x", token("ann", List.of("admins"), "gold"))).isEqualTo("storefront@v1");
		assertThat(response("/yml-admins/x", token("ben", List.of("users"), "gold")).statusCode()).isEqualTo(404);
		assertThat(response("/yml-admins/x", null).statusCode()).isEqualTo(404);
	}

	@Test
	void comparesClaimsLiterallyAndNeverEvaluatesThem() {
		assertThat(get("/claims/items", token("dan", "#{@expressionProbe.trip()}", "#{'gold'}")))
			.isEqualTo("catalog@v1");
		assertThat(get("/sticky/items", this.issuer.token("${user.home}#{@expressionProbe.trip()}", Map.of())))
			.startsWith("catalog@v");
		assertThat(this.probe.trips()).isZero();
	}

	@Test
	void keepsEachUserOnOneSubsetByTheSubjectClaim() {
		List<String> tokens = new ArrayList<>();
		for (int user = 0; user < 20; user++) {
			tokens.add(this.issuer.token("user-" + user, Map.of()));
		}
		List<String> versions = TestMesh.parallel(400, (i) -> response("/sticky/items", tokens.get(i % 20)))
			.stream()
			.map(JwtRoutingIntegrationTests::version)
			.toList();
		for (int i = 0; i < versions.size(); i++) {
			String subject = "user-" + (i % 20);
			assertThat(versions.get(i)).as(subject)
				.isEqualTo((StickyKey.bucket(subject) < 50) ? "catalog@v1" : "catalog@v2");
		}
		assertThat(new HashSet<>(versions)).containsExactlyInAnyOrder("catalog@v1", "catalog@v2");
		// The key set is fetched once and cached, not per token.
		assertThat(this.issuer.keySetRequests()).isOne();
	}

	@Test
	void showsValidationAndClaimMatchesInTheMeshEndpoint() {
		get("/claims/items", token("eve", List.of("admins"), "gold"));
		JsonNode gateway = JsonMapper.builder()
			.build()
			.readTree(TestMesh.get(this.http, this.managementPort, "/actuator/mesh").body())
			.get("gateway");
		JsonNode jwt = gateway.get("jwt");
		assertThat(jwt.get("enabled").asBoolean()).isTrue();
		assertThat(jwt.get("required").asBoolean()).isFalse();
		assertThat(jwt.get("issuerUri").asString()).isEqualTo(TestIssuer.ISSUER);
		assertThat(jwt.get("jwkSetUri").asString()).isEqualTo(this.issuer.jwkSetUri());
		assertThat(jwt.get("tokens").get("valid").asLong()).isPositive();
		assertThat(GatewayVisibilityIntegrationTests.route(gateway, "shop/admins").get("predicate").asString())
			.isEqualTo("pathPrefix=/claims, claims={groups=admins, tier=gold}");
		assertThat(GatewayVisibilityIntegrationTests.route(gateway, "shop/sticky").get("sticky").asString())
			.isEqualTo("claim sub");
	}

	private String token(String subject, Object groups, String tier) {
		return this.issuer.token(subject, Map.of("groups", groups, "tier", tier));
	}

	private String get(String path, String token) {
		return version(response(path, token));
	}

	private HttpResponse<String> response(String path, String token) {
		return (token != null) ? TestMesh.get(this.http, this.port, path, "Authorization", "Bearer " + token)
				: TestMesh.get(this.http, this.port, path);
	}

	private static String version(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body().substring(0, response.body().indexOf(' '));
	}

}
