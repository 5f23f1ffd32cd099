package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Splits, A/B matches and sticky canaries through the running gateway, checked the way
 * the Gateway API conformance suite checks weighted backends.
 */
@GatewayIntegrationTest
class TrafficSplitIntegrationTests {

	private static final int REQUESTS = 500;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@BeforeEach
	void resetBackends() {
		TestMesh.backends().reset();
	}

	@Test
	void splitsExactlyByWeightAndSendsNothingToAWeightOfZero() {
		Map<String, String> policy = new LinkedHashMap<>();
		route(policy, "shop/split", "/split", "v1", 70, "v2", 30, "v3", 0);
		TestMesh.push(this.context, policy);
		Map<String, Integer> versions = new HashMap<>();
		for (HttpResponse<String> response : TestMesh.parallel(REQUESTS, (i) -> get("/split/items"))) {
			assertThat(response.statusCode()).isEqualTo(200);
			versions.merge(response.body().substring(0, response.body().indexOf(' ')), 1, Integer::sum);
		}
		assertThat(share(versions, "catalog@v1")).isCloseTo(70.0, within(5.0));
		assertThat(share(versions, "catalog@v2")).isCloseTo(30.0, within(5.0));
		assertThat(versions).doesNotContainKey("catalog@v3");
		// Stronger than the conformance suite: the schedule is exact.
		assertThat(versions.get("catalog@v1")).isBetween(349, 351);
		assertThat(TestMesh.backends().catalogV3().requests()).isZero();
	}

	@Test
	void routesABTestsByHeaderCookieQueryParameterMethodAndPath() {
		Map<String, String> policy = new LinkedHashMap<>();
		route(policy, "shop/by-header", "/ab", "v2", 100, "v1", 0, null, 0);
		policy.put("mesh.gateway.routes[shop/by-header].match.headers.X-Beta", "yes");
		route(policy, "shop/by-cookie", "/ab", "v3", 100, "v1", 0, null, 0);
		policy.put("mesh.gateway.routes[shop/by-cookie].match.cookies.variant", "c");
		route(policy, "shop/by-query", "/ab", "v2", 100, "v1", 0, null, 0);
		policy.put("mesh.gateway.routes[shop/by-query].match.query-parameters.variant", "q");
		route(policy, "shop/by-method", "/ab", "v3", 100, "v1", 0, null, 0);
		policy.put("mesh.gateway.routes[shop/by-method].match.methods[0]", "DELETE");
		route(policy, "shop/by-path", "/ab/new", "v2", 100, "v1", 0, null, 0);
		route(policy, "shop/default", "/ab", "v1", 100, "v2", 0, null, 0);
		policy.put("mesh.gateway.routes[shop/default].order", "10");
		TestMesh.push(this.context, policy);
		assertThat(get("/ab/items").body()).isEqualTo("catalog@v1 /items");
		assertThat(get("/ab/items", "X-Beta", "yes").body()).isEqualTo("catalog@v2 /items");
		assertThat(get("/ab/items", "Cookie", "variant=c").body()).isEqualTo("catalog@v3 /items");
		assertThat(get("/ab/items?variant=q").body()).isEqualTo("catalog@v2 /items");
		assertThat(get("/ab/new/items").body()).isEqualTo("catalog@v2 /new/items");
		assertThat(TestMesh.send(this.http, this.port, "DELETE", "/ab/items").body()).isEqualTo("catalog@v3 /items");
	}

	@Test
	void keepsEachUserOnOneVersionAndMovesUsersOnlyTowardsAGrowingCanary() {
		Map<String, String> policy = new LinkedHashMap<>();
		route(policy, "shop/sticky", "/sticky", "v1", 90, "v2", 10, null, 0);
		policy.put("mesh.gateway.routes[shop/sticky].sticky-cookie", "user");
		TestMesh.push(this.context, policy);
		String first = get("/sticky/items", "Cookie", "user=alice").body();
		assertThat(TestMesh.parallel(1000, (i) -> get("/sticky/items", "Cookie", "user=alice")))
			.extracting(HttpResponse::body)
			.containsOnly(first);
		Map<String, String> atTen = versionsOfUsers(200);
		policy.put("mesh.gateway.routes[shop/sticky].destinations[0].weight", "50");
		policy.put("mesh.gateway.routes[shop/sticky].destinations[1].weight", "50");
		TestMesh.push(this.context, policy);
		Map<String, String> atFifty = versionsOfUsers(200);
		int moved = 0;
		for (Map.Entry<String, String> user : atTen.entrySet()) {
			String now = atFifty.get(user.getKey());
			if (!now.equals(user.getValue())) {
				assertThat(user.getValue()).as(user.getKey()).isEqualTo("catalog@v1");
				assertThat(now).as(user.getKey()).isEqualTo("catalog@v2");
				moved++;
			}
		}
		assertThat(moved).isGreaterThan(40);
		assertThat(atFifty.values().stream().filter("catalog@v2"::equals).count()).isBetween(70L, 130L);
	}

	@Test
	void sendsTheChosenVersionDownstreamAsTheCohort() {
		Map<String, String> policy = new LinkedHashMap<>();
		route(policy, "shop/cohort", "/cohort", "v2", 100, "v1", 0, null, 0);
		TestMesh.push(this.context, policy);
		assertThat(get("/cohort/items", "x-mesh-cohort", "version=v1").body()).isEqualTo("catalog@v2 /items");
		assertThat(TestMesh.backends().catalogV2().received()).singleElement()
			.satisfies((received) -> assertThat(received.header("x-mesh-cohort")).isEqualTo("version=v2"));
	}

	private Map<String, String> versionsOfUsers(int users) {
		Map<String, String> versions = new HashMap<>();
		List<HttpResponse<String>> responses = TestMesh.parallel(users,
				(user) -> get("/sticky/items", "Cookie", "user=user-" + user));
		for (int user = 0; user < users; user++) {
			String body = responses.get(user).body();
			versions.put("user-" + user, body.substring(0, body.indexOf(' ')));
		}
		return versions;
	}

	private HttpResponse<String> get(String path, String... headers) {
		return TestMesh.get(this.http, this.port, path, headers);
	}

	private static double share(Map<String, Integer> versions, String version) {
		return 100.0 * versions.getOrDefault(version, 0) / REQUESTS;
	}

	private static void route(Map<String, String> policy, String id, String prefix, String first, int firstWeight,
			String second, int secondWeight, String third, int thirdWeight) {
		String route = "mesh.gateway.routes[" + id + "].";
		policy.put(route + "service", "catalog");
		policy.put(route + "match.path-prefix", prefix);
		policy.put(route + "strip-prefix", "1");
		policy.put(route + "destinations[0].subset", first);
		policy.put(route + "destinations[0].weight", Integer.toString(firstWeight));
		policy.put(route + "destinations[1].subset", second);
		policy.put(route + "destinations[1].weight", Integer.toString(secondWeight));
		if (third != null) {
			policy.put(route + "destinations[2].subset", third);
			policy.put(route + "destinations[2].weight", Integer.toString(thirdWeight));
		}
	}

}
