package dev.mesh.gateway.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ConfigurationService;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.gateway.edge.MeshGatewayEdgeAutoConfiguration;
import dev.mesh.gateway.route.MeshGatewayRouteAutoConfiguration;
import dev.mesh.gateway.route.PolicyRouteLocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DirectTableTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class,
				MeshGatewayEdgeAutoConfiguration.class, MeshGatewayRouteAutoConfiguration.class))
		.withPropertyValues("spring.application.name=gateway", "mesh.control.enabled=false")
		.withPropertyValues(route("shop/catalog", 0, "/api/catalog"))
		.withPropertyValues(route("shop/api", 1, "/api"))
		.withPropertyValues(route("shop/limited", 2, "/limited"))
		.withPropertyValues("mesh.gateway.routes[shop/limited].rate-limit.requests-per-second=1")
		.withPropertyValues(route("shop/all", 3, "/"))
		.withPropertyValues(route("shop/late", 4, "/late"))
		.withBean(ConfigurationService.class,
				() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null))
		.withBean(StripPrefixGatewayFilterFactory.class, StripPrefixGatewayFilterFactory::new)
		.withBean(RetryGatewayFilterFactory.class, RetryGatewayFilterFactory::new)
		.withBean(HttpClient.class, HttpClient::create);

	private final Route yml = Route.async().id("yml").uri("http://127.0.0.1:9").predicate((exchange) -> true).build();

	@Test
	void servesTheMeshRoutesAheadOfTheFirstRouteOfAnotherSource() {
		withRoutes((routes, locator) -> {
			assertThat(routes).extracting(Route::getId)
				.containsExactly("shop/catalog", "shop/api", "shop/limited", "shop/all", "shop/late");
			routes.add(4, this.yml);
			DirectTable table = DirectTable.of(routes, locator, false);
			assertThat(table.routes()).extracting(DirectRoute::id)
				.containsExactly("shop/catalog", "shop/api", "shop/limited", "shop/all");
			assertThat(table.shadowed()).containsExactly(Map.entry("shop/late", "yml"));
			assertThat(table.describe()).containsExactly(Map.entry("shop/catalog", "direct"),
					Map.entry("shop/api", "direct"), Map.entry("shop/limited", "has a rate limit per client"),
					Map.entry("shop/all", "direct"), Map.entry("shop/late", "comes after route yml"));
		});
	}

	@Test
	void namesTheFirstRouteOfAnotherSourceForEveryMeshRouteBehindIt() {
		withRoutes((routes, locator) -> {
			Route other = Route.async().id("other").uri("http://127.0.0.1:9").predicate((exchange) -> true).build();
			routes.add(1, this.yml);
			routes.add(3, other);
			DirectTable table = DirectTable.of(routes, locator, false);
			assertThat(table.routes()).extracting(DirectRoute::id).containsExactly("shop/catalog");
			assertThat(table.shadowed()).containsOnlyKeys("shop/api", "shop/limited", "shop/all", "shop/late")
				.allSatisfy((id, first) -> assertThat(first).isEqualTo("yml"));
			assertThat(DirectTable.of(List.of(this.yml), locator, false).describe()).isEmpty();
		});
	}

	@Test
	void takesTheFirstMeshRouteThatMatchesInTheGatewaysOrder() {
		withRoutes((routes, locator) -> {
			routes.add(4, this.yml);
			DirectTable table = DirectTable.of(routes, locator, false);
			assertThat(table.match(request("/api/catalog/items")).id()).isEqualTo("shop/catalog");
			assertThat(table.match(request("/api/catalogue")).id()).isEqualTo("shop/api");
			assertThat(table.match(request("/elsewhere?x=1")).id()).isEqualTo("shop/all");
			assertThat(table.match(request("/late/items")).id()).as("behind yml, so shop/all comes first")
				.isEqualTo("shop/all");
			List<Route> reversed = new ArrayList<>(List.of(routes.get(1), routes.get(0)));
			assertThat(DirectTable.of(reversed, locator, false).match(request("/api/catalog/items")).id())
				.isEqualTo("shop/api");
		});
	}

	@Test
	void takesARequestForAMatchingRouteThatItDoesNotServeRatherThanALaterRoute() {
		withRoutes((routes, locator) -> {
			DirectTable table = DirectTable.of(routes, locator, false);
			DirectRoute limited = table.match(request("/limited/items"));
			assertThat(limited.id()).isEqualTo("shop/limited");
			assertThat(limited.direct()).isFalse();
			assertThat(limited.reason()).isEqualTo("has a rate limit per client");
		});
	}

	@Test
	void leavesARequestNoMeshRouteAheadOfOtherRoutesMatchesToSpringCloudGateway() {
		withRoutes((routes, locator) -> {
			routes.removeIf((route) -> route.getId().equals("shop/all"));
			routes.add(3, this.yml);
			DirectTable table = DirectTable.of(routes, locator, false);
			assertThat(table.match(request("/late/items"))).isNull();
			assertThat(table.match(request("/nothing"))).isNull();
			assertThat(DirectTable.EMPTY.match(request("/api/catalog"))).isNull();
		});
	}

	private void withRoutes(BiConsumer<List<Route>, PolicyRouteLocator> check) {
		this.runner.run((context) -> {
			PolicyRouteLocator locator = context.getBean(PolicyRouteLocator.class);
			check.accept(new ArrayList<>(locator.getRoutes().collectList().block()), locator);
		});
	}

	private static String[] route(String id, int order, String pathPrefix) {
		String prefix = "mesh.gateway.routes[" + id + "].";
		return new String[] { prefix + "service=catalog", prefix + "order=" + order,
				prefix + "match.path-prefix=" + pathPrefix };
	}

	private static DirectRequest request(String target) {
		HttpServerRequest request = mock(HttpServerRequest.class);
		given(request.uri()).willReturn(target);
		given(request.method()).willReturn(HttpMethod.GET);
		return DirectRequest.of(request);
	}

}
