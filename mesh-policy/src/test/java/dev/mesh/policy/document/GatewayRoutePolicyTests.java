package dev.mesh.policy.document;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.Rate;
import dev.mesh.policy.spec.WeightedSubset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields of a {@code GatewayRoute} and their checks, in documents and in a gateway's
 * own configuration.
 */
class GatewayRoutePolicyTests {

	static final String ROUTE_HEADER = """
			apiVersion: mesh.dev/v1
			kind: GatewayRoute
			metadata: {name: catalog, namespace: shop}
			spec:
			  service: catalog
			""";

	@Test
	void bindsEveryFieldAsTheGatewayWill() {
		PolicyDocument document = Documents.read(ROUTE_HEADER + """
				  order: 5
				  match:
				    pathPrefix: /api/catalog
				    methods: [GET]
				    headers: {X-Tier: gold}
				    cookies: {beta: "yes"}
				    queryParameters: {variant: b}
				  destinations: [{subset: v1, weight: 90}, {subset: v2, weight: 10}]
				  stickyHeader: X-User
				  mirror: {subset: v3, percent: 5}
				  timeout: 2s
				  retries: {attempts: 2, retryOn: [503]}
				  fault: {abort: {percent: 1, status: 503}}
				  rateLimit: {requestsPerSecond: 10, burst: 20}
				""");
		GatewayRouteSpec spec = document.spec(GatewayRouteSpec.class);
		assertThat(spec.getMatch().getCookies()).containsEntry("beta", "yes");
		assertThat(spec.getMatch().getQueryParameters()).containsEntry("variant", "b");
		assertThat(spec.getStickyHeader()).isEqualTo("X-User");
		assertThat(spec.getFault().getAbort().getStatus()).isEqualTo(503);
		assertThat(spec.getRateLimit().getBurst()).isEqualTo(20);
		assertThat(spec.getTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(document.properties()).containsEntry("sticky-header", "X-User")
			.containsEntry("rate-limit.requests-per-second", "10")
			.containsEntry("match.query-parameters[variant]", "b");
	}

	@Test
	void rejectsWeightsThatDoNotSumToOneHundredWithoutRescaling() {
		assertThat(Documents
			.violations(ROUTE_HEADER + "  destinations: [{subset: v1, weight: 90}, {subset: v2, weight: 5}]\n"))
			.containsExactly(new Violation("spec.destinations", "weights must sum to 100, not 95"));
		assertThat(Documents
			.fields(ROUTE_HEADER + "  destinations: [{subset: v1, weight: 101}, {subset: v2, weight: -1}]\n"))
			.containsExactly("spec.destinations[0].weight", "spec.destinations[1].weight");
	}

	@Test
	void rejectsInvalidMatchesStickyKeysMirrorsFaultsAndRates() {
		assertThat(Documents.fields(ROUTE_HEADER + """
				  match:
				    cookies: {"be ta": x}
				    queryParameters: {"a&b": x}
				  stickyCookie: user
				  stickyHeader: X-User
				  mirror: {subset: v2}
				  fault: {abort: {percent: 5}}
				  rateLimit: {burst: 5}
				""")).containsExactlyInAnyOrder("spec.match.cookies.be ta", "spec.match.queryParameters.a&b",
				"spec.stickyHeader", "spec.mirror.percent", "spec.fault.abort.status",
				"spec.rateLimit.requestsPerSecond");
	}

	@Test
	void rejectsExpressionsWithoutEvaluatingThem() {
		assertThat(Documents
			.fields(ROUTE_HEADER + "  match: {headers: {X-A: \"#{T(java.lang.Runtime).getRuntime()}\"}}\n"))
			.containsExactly("spec.match.headers.X-A");
		assertThat(Documents.fields(ROUTE_HEADER + "  stickyCookie: \"${user.home}\"\n"))
			.containsExactly("spec.stickyCookie");
	}

	@Test
	void validatesAGatewaysOwnRouteAgainstTheSubsetsItsServiceDefines() {
		GatewayRouteSpec route = new GatewayRouteSpec();
		route.setService("catalog");
		route.setDestinations(List.of(weighted("v1", 50), weighted("v3", 50)));
		Rate rate = new Rate();
		rate.setRequestsPerSecond(0);
		route.setRateLimit(rate);
		assertThat(GatewayRouteValidation.validate(route, Set.of("v1", "v2"), "mesh.gateway.routes[shop/catalog]"))
			.containsExactly(
					new Violation("mesh.gateway.routes[shop/catalog].destinations[1].subset",
							"'v3' is not a defined subset"),
					new Violation("mesh.gateway.routes[shop/catalog].rateLimit.requestsPerSecond",
							"must be between 1 and 1000000"));
		route.setDestinations(List.of(weighted("v1", 100), weighted("v2", 0)));
		route.setRateLimit(null);
		assertThat(GatewayRouteValidation.validate(route, Set.of("v1", "v2"), "route")).isEmpty();
	}

	private static WeightedSubset weighted(String subset, int weight) {
		WeightedSubset weighted = new WeightedSubset();
		weighted.setSubset(subset);
		weighted.setWeight(weight);
		return weighted;
	}

}
