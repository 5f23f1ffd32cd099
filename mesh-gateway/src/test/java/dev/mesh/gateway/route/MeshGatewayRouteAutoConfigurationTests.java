package dev.mesh.gateway.route;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.gateway.edge.MeshGatewayEdgeAutoConfiguration;
import dev.mesh.gateway.traffic.ResilienceGatewayFilter;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayRouteAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class,
				MeshGatewayEdgeAutoConfiguration.class, MeshGatewayRouteAutoConfiguration.class))
		.withPropertyValues("spring.application.name=gateway",
				"mesh.outbound.destinations.catalog.subsets.v1.labels.version=v1",
				"mesh.gateway.routes[shop/catalog].service=catalog",
				"mesh.gateway.routes[shop/catalog].match.path-prefix=/api/catalog",
				"mesh.gateway.routes[shop/catalog].destinations[0].subset=v1",
				"mesh.gateway.routes[shop/catalog].destinations[0].weight=100")
		.withBean(ConfigurationService.class,
				() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null))
		.withBean(StripPrefixGatewayFilterFactory.class, StripPrefixGatewayFilterFactory::new)
		.withBean(RetryGatewayFilterFactory.class, RetryGatewayFilterFactory::new)
		.withBean(HttpClient.class, HttpClient::create);

	@Test
	void servesTheRoutesOfThePolicyInForce() {
		this.runner.run((context) -> {
			List<Route> routes = context.getBean(PolicyRouteLocator.class).getRoutes().collectList().block();
			assertThat(routes).singleElement().satisfies((route) -> {
				assertThat(route.getId()).isEqualTo("shop/catalog");
				assertThat(route.getUri()).hasToString("lb://catalog");
				assertThat(route.getMetadata()).containsEntry(RouteFactory.SOURCE, MeshRoute.APPLICATION);
			});
		});
	}

	@Test
	void keepsExpressionsAwayFromSpringCloudGatewaysRouteDefinitions() {
		RouteDefinition evil = new RouteDefinition("evil=http://example.org,Path=/#{@bean.trip()}");
		RouteDefinition plain = new RouteDefinition("plain=http://example.org,Path=/plain/**");
		this.runner
			.withBean(MeshGatewayRouteAutoConfiguration.ROUTE_DEFINITION_LOCATOR, RouteDefinitionLocator.class,
					() -> () -> Flux.just(evil, plain))
			.run((context) -> {
				RouteDefinitionLocator locator = context
					.getBean(MeshGatewayRouteAutoConfiguration.ROUTE_DEFINITION_LOCATOR, RouteDefinitionLocator.class);
				assertThat(locator).isInstanceOf(ExpressionFreeRouteDefinitionLocator.class);
				assertThat(locator.getRouteDefinitions().collectList().block()).containsExactly(plain);
				assertThat(((ExpressionFreeRouteDefinitionLocator) locator).rejected()).containsEntry("evil",
						"predicates[0].args._genkey_0");
			});
	}

	@Test
	void guardsLoadBalancedRoutesWithTheMeshResilienceWhenThereIsOne() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ResilienceGatewayFilter.class));
		this.runner.withConfiguration(AutoConfigurations.of(MeshResilienceAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ResilienceGatewayFilter.class));
	}

	@Test
	void servesNoMeshRoutesWithoutTheMeshPolicy() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MeshGatewayRouteAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PolicyRouteLocator.class));
	}

}
