package dev.mesh.gateway.direct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.route.Route;

import dev.mesh.gateway.route.PolicyRouteLocator;

/**
 * The gateway's routes as direct forwarding sees them, in Spring Cloud Gateway's order:
 * the mesh routes up to the first route of another source (an {@code application.yml}
 * route, whose predicates only Spring Cloud Gateway evaluates). A request is served
 * directly when the first of these routes that matches it is served directly; a request
 * that none of them matches is left to Spring Cloud Gateway. While any route carries CORS
 * settings (its {@code cors} metadata), no request is served directly.
 *
 * @param routes the mesh routes before any other route
 * @param shadowed ids of the mesh routes behind another route, with the id of the first
 * such route
 */
record DirectTable(List<DirectRoute> routes, Map<String, String> shadowed) {

	static final DirectTable EMPTY = new DirectTable(List.of(), Map.of());

	private static final String CORS = "cors";

	DirectTable {
		routes = List.copyOf(routes);
		shadowed = Map.copyOf(shadowed);
	}

	/**
	 * Build the table of Spring Cloud Gateway's routes in force.
	 * @param routes the routes, in Spring Cloud Gateway's order
	 * @param policyRoutes the locator of the mesh routes
	 * @param issueCookies whether the gateway issues sticky cookies
	 * @return the table
	 */
	static DirectTable of(List<Route> routes, PolicyRouteLocator policyRoutes, boolean issueCookies) {
		return of(routes, policyRoutes, issueCookies, (service) -> false);
	}

	/**
	 * Build the table of Spring Cloud Gateway's routes in force.
	 * @param routes the routes, in Spring Cloud Gateway's order
	 * @param policyRoutes the locator of the mesh routes
	 * @param issueCookies whether the gateway issues sticky cookies
	 * @param serviceInstanceCookies whether the load balancer adds its service instance
	 * cookie to the requests of a service
	 * @return the table
	 */
	static DirectTable of(List<Route> routes, PolicyRouteLocator policyRoutes, boolean issueCookies,
			Predicate<String> serviceInstanceCookies) {
		List<DirectRoute> direct = new ArrayList<>();
		Map<String, String> shadowed = new LinkedHashMap<>();
		String first = null;
		for (Route route : routes) {
			if (route.getMetadata().containsKey(CORS)) {
				// Spring Cloud Gateway applies a route's CORS settings by path, to every
				// request under its paths, whichever route serves it
				return EMPTY;
			}
		}
		for (Route route : routes) {
			PolicyRouteLocator.BuiltRoute built = policyRoutes.built(route);
			if (built == null) {
				first = (first != null) ? first : route.getId();
			}
			else if (first == null) {
				direct.add(DirectRoute.of(built, issueCookies, serviceInstanceCookies));
			}
			else {
				shadowed.put(built.model().id(), first);
			}
		}
		return new DirectTable(direct, shadowed);
	}

	/**
	 * Return the first route that matches a request.
	 * @param request the request
	 * @return the route, {@code null} when none before another source's routes matches
	 */
	DirectRoute match(DirectRequest request) {
		for (DirectRoute route : this.routes) {
			if (route.model().match().matches(request)) {
				return route;
			}
		}
		return null;
	}

	/**
	 * Describe how each mesh route is served.
	 * @return {@code direct} or the reason it is not, by route id
	 */
	Map<String, String> describe() {
		Map<String, String> routes = new LinkedHashMap<>();
		this.routes.forEach((route) -> routes.put(route.id(), route.direct() ? "direct" : route.reason()));
		this.shadowed.forEach((id, first) -> routes.put(id, "comes after route " + first));
		return routes;
	}

}
