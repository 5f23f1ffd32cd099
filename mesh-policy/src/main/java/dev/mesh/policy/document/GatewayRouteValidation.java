package dev.mesh.policy.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.GatewayRouteSpec;

/**
 * Checks one gateway route exactly as the policy API checks a {@code GatewayRoute}
 * document, for a gateway that binds routes from its own configuration too.
 */
public final class GatewayRouteValidation {

	private GatewayRouteValidation() {
	}

	/**
	 * Check a gateway route.
	 * @param route the route
	 * @param subsets names of the subsets its destination service defines
	 * @param path field path of the route, such as
	 * {@code mesh.gateway.routes[shop/catalog]}, that every violation starts with
	 * @return the violations, empty when the route is valid
	 */
	public static List<Violation> validate(GatewayRouteSpec route, Set<String> subsets, String path) {
		Assert.notNull(route, "'route' must not be null");
		Assert.notNull(subsets, "'subsets' must not be null");
		Assert.hasText(path, "'path' must not be empty");
		List<Violation> violations = new ArrayList<>();
		new SpecValidator(violations).gatewayRoute(route, subsets, path);
		return List.copyOf(violations);
	}

}
