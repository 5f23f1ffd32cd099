package dev.mesh.gateway.route;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.StickyKey;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.policy.spec.MeshPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class MeshRoutesTests {

	private static final Map<String, String> CATALOG = Map.of(
			"mesh.outbound.destinations.catalog.subsets.v1.labels.version", "v1",
			"mesh.outbound.destinations.catalog.subsets.v2.labels.version", "v2",
			"mesh.outbound.destinations.catalog.timeout", "3s", "mesh.outbound.destinations.catalog.retries.attempts",
			"2", "mesh.outbound.destinations.catalog.cohort.enabled", "true");

	@Test
	void compilesARouteWithTheSubsetsOfItsService() {
		MeshRoutes.Compiled compiled = compile(Map.of("mesh.gateway.routes[shop/catalog].service", "catalog",
				"mesh.gateway.routes[shop/catalog].order", "3", "mesh.gateway.routes[shop/catalog].match.path-prefix",
				"/api/catalog", "mesh.gateway.routes[shop/catalog].destinations[0].subset", "v1",
				"mesh.gateway.routes[shop/catalog].destinations[0].weight", "90",
				"mesh.gateway.routes[shop/catalog].destinations[1].subset", "v2",
				"mesh.gateway.routes[shop/catalog].destinations[1].weight", "10",
				"mesh.gateway.routes[shop/catalog].sticky-cookie", "user"));
		assertThat(compiled.rejected()).isEmpty();
		MeshRoute route = compiled.routes().get(0);
		assertThat(route.id()).isEqualTo("shop/catalog");
		assertThat(route.order()).isEqualTo(3);
		assertThat(route.destinations()).containsExactly(
				new Destination("v1", new MeshSubset(Map.of("version", "v1")), 90),
				new Destination("v2", new MeshSubset(Map.of("version", "v2")), 10));
		assertThat(route.sticky()).isEqualTo(new StickyKey(StickyKey.Source.COOKIE, "user"));
		assertThat(route.cohortLabel()).isEqualTo("version");
		assertThat(route.source()).isEqualTo(MeshRoute.APPLICATION);
	}

	@Test
	void takesTimeoutAndRetriesOfTheServiceWhenTheRouteSetsNone() {
		MeshRoute route = compile(Map.of("mesh.gateway.routes[shop/catalog].service", "catalog",
				"mesh.gateway.routes[shop/catalog].retries.retry-on[0]", "5xx"))
			.routes()
			.get(0);
		assertThat(route.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(route.retries().attempts()).isEqualTo(2);
		assertThat(route.retries().retryOn()).containsExactly("5xx");
		MeshRoute own = compile(Map.of("mesh.gateway.routes[shop/catalog].service", "catalog",
				"mesh.gateway.routes[shop/catalog].timeout", "1s", "mesh.gateway.routes[shop/catalog].retries.attempts",
				"1"))
			.routes()
			.get(0);
		assertThat(own.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(own.retries()).isNull();
	}

	@Test
	void rejectsRoutesNamingUnknownSubsetsOrWeightsNotSummingToOneHundred() {
		MeshRoutes.Compiled compiled = compile(Map.of("mesh.gateway.routes[shop/a].service", "catalog",
				"mesh.gateway.routes[shop/a].destinations[0].subset", "v3",
				"mesh.gateway.routes[shop/a].destinations[0].weight", "100", "mesh.gateway.routes[shop/b].service",
				"catalog", "mesh.gateway.routes[shop/b].destinations[0].subset", "v1",
				"mesh.gateway.routes[shop/b].destinations[0].weight", "60"));
		assertThat(compiled.routes()).isEmpty();
		assertThat(compiled.rejected().get("shop/a"))
			.extracting((violation) -> violation.field() + ": " + violation.message())
			.containsExactly("mesh.gateway.routes[shop/a].destinations[0].subset: 'v3' is not a defined subset");
		assertThat(compiled.rejected().get("shop/b"))
			.extracting((violation) -> violation.field() + ": " + violation.message())
			.containsExactly("mesh.gateway.routes[shop/b].destinations: weights must sum to 100, not 60");
	}

	@Test
	void rejectsExpressionsInMatchValues() {
		MeshRoutes.Compiled compiled = compile(Map.of("mesh.gateway.routes[shop/a].service", "catalog",
				"mesh.gateway.routes[shop/a].match.query-parameters.q", "${user.home}"));
		assertThat(compiled.rejected().get("shop/a")).extracting((violation) -> violation.field())
			.containsExactly("mesh.gateway.routes[shop/a].match.queryParameters.q");
	}

	private static MeshRoutes.Compiled compile(Map<String, String> routes) {
		Map<String, String> properties = new HashMap<>(CATALOG);
		properties.putAll(routes);
		MeshPolicy policy = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("mesh",
				Bindable.of(MeshPolicy.class));
		return MeshRoutes.compile(policy, (id) -> false);
	}

}
