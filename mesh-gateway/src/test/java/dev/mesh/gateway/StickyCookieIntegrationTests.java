package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.gateway.traffic.StickyKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway issues the cookie of a sticky split to a user who has none, and keeps the
 * user on one subset from the first request.
 */
@GatewayIntegrationTest
class StickyCookieIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private MeterRegistry registry;

	@BeforeEach
	void resetBackends() {
		TestMesh.backends().reset();
	}

	@Test
	void issuesACookieOnTheFirstRequestAndKeepsTheUserOnItsSubset() {
		push("sticky-cookie", "user");
		double issued = issued();
		HttpResponse<String> first = get("/issued/items");
		String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
		List<String> attributes = List.of(setCookie.split("; "));
		assertThat(attributes.get(0)).matches("user=[A-Za-z0-9_-]{22}");
		// Attribute names are case-insensitive (Reactor Netty writes HTTPOnly)
		assertThat(attributes).map((attribute) -> attribute.toLowerCase(Locale.ROOT))
			.contains("path=/", "max-age=2592000", "httponly", "samesite=lax")
			.doesNotContain("secure");
		String id = attributes.get(0).substring("user=".length());
		// The bucket of the new id chose this very request: v1 owns 0-49, v2 50-99
		String owner = (StickyKey.bucket(id) < 50) ? "catalog@v1" : "catalog@v2";
		assertThat(first.body()).isEqualTo(owner + " /items");
		for (int i = 0; i < 50; i++) {
			HttpResponse<String> again = get("/issued/items", "Cookie", "user=" + id);
			assertThat(again.body()).isEqualTo(owner + " /items");
			assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(issued()).isEqualTo(issued + 1));
	}

	@Test
	void givesEveryNewUserAnIdOfItsOwnAndSplitsNewUsersByWeight() {
		push("sticky-cookie", "user");
		Set<String> ids = new HashSet<>();
		Set<String> subsets = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = get("/issued/items");
			ids.add(response.headers().firstValue("Set-Cookie").orElseThrow());
			subsets.add(response.body());
		}
		assertThat(ids).hasSize(40);
		// 40 random users all landing on one half has a chance of 2 in 2^40
		assertThat(subsets).containsExactlyInAnyOrder("catalog@v1 /items", "catalog@v2 /items");
	}

	@Test
	void issuesNoCookieWhenTheStickyKeyIsAHeader() {
		push("sticky-header", "X-User");
		for (int i = 0; i < 5; i++) {
			assertThat(get("/issued/items").headers().firstValue("Set-Cookie")).isEmpty();
		}
	}

	private double issued() {
		// One counter per subset
		return this.registry.find("mesh.gateway.sticky.cookies.issued")
			.tag("mesh.route", "shop/issued")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private void push(String key, String name) {
		Map<String, String> policy = PolicyRoutesIntegrationTests.route("shop/issued", "/issued", "v1", 50, "v2", 50);
		policy.put("mesh.gateway.routes[shop/issued]." + key, name);
		TestMesh.push(this.context, policy);
	}

	private HttpResponse<String> get(String path, String... headers) {
		return TestMesh.get(this.http, this.port, path, headers);
	}

}
