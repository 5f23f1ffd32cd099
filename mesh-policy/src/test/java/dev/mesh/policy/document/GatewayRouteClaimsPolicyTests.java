package dev.mesh.policy.document;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.GatewayRouteSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT fields of a {@code GatewayRoute}: claim matches, a claim as sticky key and a
 * required token.
 */
class GatewayRouteClaimsPolicyTests {

	private static final String ROUTE_HEADER = GatewayRoutePolicyTests.ROUTE_HEADER;

	@Test
	void bindsClaimMatchesAStickyClaimAndARequiredToken() {
		PolicyDocument document = Documents.read(ROUTE_HEADER + """
				  requireJwt: true
				  match:
				    pathPrefix: /api/admin
				    claims: {groups: admins, "cognito:tier": gold, "https://example.com/role": ops}
				  stickyClaim: sub
				""");
		GatewayRouteSpec spec = document.spec(GatewayRouteSpec.class);
		assertThat(spec.getRequireJwt()).isTrue();
		assertThat(spec.getStickyClaim()).isEqualTo("sub");
		assertThat(spec.getMatch().getClaims()).containsEntry("groups", "admins")
			.containsEntry("cognito:tier", "gold")
			.containsEntry("https://example.com/role", "ops");
		assertThat(document.properties()).containsEntry("require-jwt", "true")
			.containsEntry("sticky-claim", "sub")
			.containsEntry("match.claims[groups]", "admins");
	}

	@Test
	void rejectsInvalidClaimNamesAndEmptyValuesNamingTheField() {
		assertThat(Documents.violations(ROUTE_HEADER + """
				  match:
				    claims: {"a b": x, tier: ""}
				""")).containsExactlyInAnyOrder(
				new Violation("spec.match.claims.a b",
						"is not a valid claim name: 1 to 128 letters, digits or _ . : / -"),
				new Violation("spec.match.claims.tier", "must not be empty"));
	}

	@Test
	void rejectsAStickyClaimBesideAnotherStickyKey() {
		assertThat(Documents.violations(ROUTE_HEADER + "  stickyClaim: sub\n  stickyCookie: user\n"))
			.containsExactly(new Violation("spec.stickyClaim",
					"must not be set with stickyCookie or stickyHeader: a route has one sticky key"));
		assertThat(Documents.fields(ROUTE_HEADER + "  stickyClaim: sub\n  stickyHeader: X-User\n"))
			.containsExactly("spec.stickyClaim");
		assertThat(Documents.fields(ROUTE_HEADER + "  stickyClaim: \"user id\"\n")).containsExactly("spec.stickyClaim");
	}

	@Test
	void rejectsExpressionsInClaimsWithoutEvaluatingThem() {
		assertThat(Documents.fields(ROUTE_HEADER + "  match: {claims: {tier: \"#{T(java.lang.Runtime)}\"}}\n"))
			.containsExactly("spec.match.claims.tier");
	}

	@Test
	void checksAGatewaysOwnRouteTheSameWay() {
		GatewayRouteSpec route = new GatewayRouteSpec();
		route.setService("catalog");
		route.getMatch().getClaims().put("", "admins");
		route.setStickyClaim("sub");
		route.setStickyHeader("X-User");
		assertThat(GatewayRouteValidation.validate(route, Set.of(), "mesh.gateway.routes[shop/admin]"))
			.extracting(Violation::field)
			.containsExactly("mesh.gateway.routes[shop/admin].match.claims.",
					"mesh.gateway.routes[shop/admin].stickyClaim");
	}

}
