package dev.mesh.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.mesh.gateway.route.PolicyRouteLocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class PolicyRoutesIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private PolicyRouteLocator routes;

	@Autowired
	private ExpressionProbe probe;

	@BeforeEach
	void resetBackends() {
		TestMesh.backends().reset();
	}

	@Test
	void servesAPushedGatewayRouteWithoutRestart() {
		assertThat(get("/shop/items").statusCode()).isEqualTo(404);
		TestMesh.push(this.context, route("shop/catalog", "/shop", "v2", 100, "v1", 0));
		HttpResponse<String> response = get("/shop/items");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("catalog@v2 /items");
	}

	@Test
	void keepsServingStandardSpringCloudGatewayRoutes() {
		TestMesh.push(this.context, route("shop/catalog", "/shop", "v1", 100, "v2", 0));
		HttpResponse<String> response = get("/yml/products");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("storefront@v1 /products");
	}

	@Test
	void failsNoRequestWhileRoutesChangeUnderSteadyLoad() throws Exception {
		TestMesh.push(this.context, route("shop/live", "/live", "v1", 100, "v2", 0));
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			clients.execute(() -> {
				while (running.get()) {
					try {
						HttpResponse<String> response = get("/live/items");
						if (response.statusCode() == 200 && response.body().startsWith("catalog@")) {
							succeeded.incrementAndGet();
						}
						else {
							failures.add(response.statusCode() + " " + response.body());
						}
					}
					catch (RuntimeException ex) {
						failures.add(ex.toString());
					}
				}
			});
		}
		try {
			for (int change = 1; change <= 10; change++) {
				int v2 = (change * 10) % 110;
				Map<String, String> policy = route("shop/live", "/live", "v1", 100 - v2, "v2", v2);
				if (change % 2 == 0) {
					policy.putAll(route("shop/other-" + change, "/other" + change, "v1", 100, "v2", 0));
				}
				int before = succeeded.get();
				TestMesh.push(this.context, policy);
				await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.get() >= before + 20);
			}
		}
		finally {
			running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(failures).isEmpty();
		assertThat(succeeded.get()).isGreaterThan(200);
		assertThat(get("/other10/items").statusCode()).isEqualTo(200);
		assertThat(get("/other9/items").statusCode()).isEqualTo(404);
	}

	@Test
	void keepsTheLastValidVersionOfARouteAChangeMadeInvalid() {
		TestMesh.push(this.context, route("shop/catalog", "/shop", "v2", 100, "v1", 0));
		Map<String, String> invalid = route("shop/catalog", "/shop", "v1", 90, "v2", 5);
		TestMesh.push(this.context, invalid);
		assertThat(this.routes.rejected()).containsKey("shop/catalog");
		assertThat(this.routes.rejected().get("shop/catalog")).anySatisfy((violation) -> assertThat(violation.field())
			.isEqualTo("mesh.gateway.routes[shop/catalog].destinations"));
		assertThat(get("/shop/items").body()).isEqualTo("catalog@v2 /items");
	}

	@Test
	void neverEvaluatesAnExpressionInARoute() {
		assertThat(get("/evil/products").statusCode()).isEqualTo(404);
		Map<String, String> policy = route("shop/evil", "/shop-evil", "v1", 100, "v2", 0);
		policy.put("mesh.gateway.routes[shop/evil].match.headers.X-A", "#{@expressionProbe.trip()}");
		installWithoutChecks(policy);
		assertThat(this.routes.rejected().get("shop/evil")).anySatisfy((violation) -> assertThat(violation.field())
			.isEqualTo("mesh.gateway.routes[shop/evil].match.headers.X-A"));
		assertThat(get("/shop-evil/items", "X-A", "evaluated").statusCode()).isEqualTo(404);
		assertThat(this.probe.trips()).isZero();
	}

	private void installWithoutChecks(Map<String, String> policy) {
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("unchecked", new LinkedHashMap<>(policy)));
		try {
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, policy.keySet()));
		}
		finally {
			this.context.getEnvironment().getPropertySources().remove("unchecked");
		}
	}

	private HttpResponse<String> get(String path, String... headers) {
		return TestMesh.get(this.http, this.port, path, headers);
	}

	static Map<String, String> route(String id, String prefix, String first, int firstWeight, String second,
			int secondWeight) {
		String route = "mesh.gateway.routes[" + id + "].";
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(route + "service", "catalog");
		properties.put(route + "match.path-prefix", prefix);
		properties.put(route + "strip-prefix", "1");
		properties.put(route + "destinations[0].subset", first);
		properties.put(route + "destinations[0].weight", Integer.toString(firstWeight));
		properties.put(route + "destinations[1].subset", second);
		properties.put(route + "destinations[1].weight", Integer.toString(secondWeight));
		return properties;
	}

}
