package dev.mesh.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring Cloud Gateway routes from configuration, as a user of Spring Cloud Gateway
 * writes them: a random 90/10 canary with the standard {@code Weight} predicate and the
 * {@code Subset} filter (the gateway's own {@code application.yml} no longer has one: its
 * canary is a policy route), and a catch-all route to the storefront.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mesh.discovery.register=false", "spring.cloud.gateway.server.webflux.routes[0].id=catalog-v1",
				"spring.cloud.gateway.server.webflux.routes[0].uri=lb://catalog",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/catalog/**",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[1]=Weight=catalog-canary, 90",
				"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1",
				"spring.cloud.gateway.server.webflux.routes[0].filters[1]=Subset=version, v1",
				"spring.cloud.gateway.server.webflux.routes[1].id=catalog-v2",
				"spring.cloud.gateway.server.webflux.routes[1].uri=lb://catalog",
				"spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/api/catalog/**",
				"spring.cloud.gateway.server.webflux.routes[1].predicates[1]=Weight=catalog-canary, 10",
				"spring.cloud.gateway.server.webflux.routes[1].filters[0]=StripPrefix=1",
				"spring.cloud.gateway.server.webflux.routes[1].filters[1]=Subset=version, v2",
				"spring.cloud.gateway.server.webflux.routes[2].id=storefront",
				"spring.cloud.gateway.server.webflux.routes[2].uri=lb://storefront",
				"spring.cloud.gateway.server.webflux.routes[2].order=100",
				"spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/**",
				"spring.cloud.gateway.server.webflux.routes[2].filters[0]=StripPrefix=1" })
class GatewayRoutingIntegrationTests {

	private static final int REQUESTS = 500;

	private static Backend catalogV1;

	private static Backend catalogV2;

	private static Backend storefront;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private RouteLocator routes;

	@BeforeAll
	static void startBackends() throws IOException {
		catalogV1 = Backend.start("catalog@v1");
		catalogV2 = Backend.start("catalog@v2");
		storefront = Backend.start("storefront@v1");
	}

	@AfterAll
	static void stopBackends() {
		catalogV1.close();
		catalogV2.close();
		storefront.close();
	}

	@Test
	void splitsCatalogTrafficBetweenVersionsByRouteWeight() throws Exception {
		int v1 = 0;
		int v2 = 0;
		for (int i = 0; i < REQUESTS; i++) {
			HttpResponse<String> response = get("/api/catalog/items");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isIn("catalog@v1 /catalog/items", "catalog@v2 /catalog/items");
			if (response.body().startsWith("catalog@v1")) {
				v1++;
			}
			else {
				v2++;
			}
		}
		assertThat(v1 + v2).isEqualTo(REQUESTS);
		assertThat(100.0 * v1 / REQUESTS).isCloseTo(90.0, within(5.0));
		assertThat(100.0 * v2 / REQUESTS).isCloseTo(10.0, within(5.0));
	}

	@Test
	void routesTheRestOfTheApiToTheStorefrontWithoutThePrefix() throws Exception {
		HttpResponse<String> response = get("/api/products");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("storefront@v1 /products");
	}

	@Test
	void answersASubsetWithoutInstancesWith503() throws Exception {
		HttpResponse<String> response = get("/v3/catalog/items");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("catalog@");
	}

	@Test
	void runsTheSubsetFilterBeforeTheLoadBalancerFilter() {
		Route route = this.routes.getRoutes()
			.filter((candidate) -> candidate.getId().equals("catalog-v2"))
			.blockFirst();
		assertThat(route).isNotNull();
		List<GatewayFilter> subsetFilters = route.getFilters()
			.stream()
			.filter((filter) -> filter.toString().contains("Subset"))
			.toList();
		assertThat(subsetFilters).singleElement()
			.isInstanceOfSatisfying(Ordered.class, (ordered) -> assertThat(ordered.getOrder())
				.isLessThan(ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MeshConfiguration {

		/**
		 * The mesh as the control service would push it; the starter's watcher backs off.
		 */
		@Bean
		MeshEndpoints meshEndpoints() {
			return new MeshEndpoints() {

				@Override
				public RegistrySnapshot snapshot() {
					return new RegistrySnapshot(1,
							Map.of("catalog",
									List.of(instance("catalog-1", "catalog", catalogV1, "v1"),
											instance("catalog-2", "catalog", catalogV2, "v2")),
									"storefront", List.of(instance("storefront-1", "storefront", storefront, "v1"))));
				}

				@Override
				public WatchStatus status() {
					return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
				}

				@Override
				public void addListener(Consumer<RegistrySnapshot> listener) {
				}

			};
		}

		/**
		 * A canary route whose subset has no instance at all.
		 */
		@Bean
		RouteLocator canaryWithoutInstances(RouteLocatorBuilder builder, SubsetGatewayFilterFactory subset) {
			return builder.routes()
				.route("catalog-v3", (route) -> route.path("/v3/catalog/**")
					.filters((filters) -> filters.stripPrefix(1).filter(subset.apply((config) -> {
						config.setKey("version");
						config.setValue("v3");
					})))
					.uri("lb://catalog"))
				.build();
		}

		private static MeshInstance instance(String id, String service, Backend backend, String version) {
			return new MeshInstance(id, service, "127.0.0.1", backend.port(), version, "default", Map.of());
		}

	}

}
