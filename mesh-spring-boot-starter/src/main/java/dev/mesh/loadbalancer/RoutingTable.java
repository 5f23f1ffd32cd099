package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.policy.spec.DestinationPolicy;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.Route;
import dev.mesh.policy.spec.RouteMatch;
import dev.mesh.policy.spec.Subset;
import dev.mesh.policy.spec.WeightedSubset;

/**
 * The outbound routes of every destination, compiled from one version of the policy into
 * an immutable table: picking a route and a weighted subset for a request allocates
 * nothing but the result.
 */
public final class RoutingTable {

	/**
	 * The table of a policy without routes.
	 */
	public static final RoutingTable EMPTY = new RoutingTable(Map.of(), null);

	private final Map<String, CompiledDestination> destinations;

	private final Duration defaultTimeout;

	private RoutingTable(Map<String, CompiledDestination> destinations, Duration defaultTimeout) {
		this.destinations = destinations;
		this.defaultTimeout = defaultTimeout;
	}

	/**
	 * Compile the outbound part of a policy.
	 * @param policy the policy
	 * @return the table
	 */
	public static RoutingTable of(MeshPolicy policy) {
		Map<String, CompiledDestination> destinations = new LinkedHashMap<>();
		policy.getOutbound()
			.getDestinations()
			.forEach((service, destination) -> destinations.put(service, CompiledDestination.of(destination)));
		return new RoutingTable(Map.copyOf(destinations), policy.getOutbound().getDefaults().getTimeout());
	}

	/**
	 * Pick where a request to a destination goes.
	 * @param service the destination service
	 * @param method the request method
	 * @param path the request path
	 * @param headers the request headers
	 * @return the decision; its subset is {@code null} when any instance may serve
	 */
	public Decision route(String service, HttpMethod method, String path, HttpHeaders headers) {
		CompiledDestination destination = this.destinations.get(service);
		if (destination == null) {
			return new Decision(null, null, this.defaultTimeout, null);
		}
		Duration destinationTimeout = (destination.timeout() != null) ? destination.timeout() : this.defaultTimeout;
		for (CompiledRoute route : destination.routes()) {
			if (route.matches(method, path, headers)) {
				Duration timeout = (route.timeout() != null) ? route.timeout() : destinationTimeout;
				return new Decision(route.name(), route.pick(), timeout, route.spec());
			}
		}
		return new Decision(null, null, destinationTimeout, null);
	}

	/**
	 * Where one request goes.
	 *
	 * @param route name of the matched route, {@code null} when none matched or it is
	 * unnamed
	 * @param subset the subset chosen, {@code null} for any instance
	 * @param timeout the overall timeout of the call, {@code null} for none
	 * @param spec the policy of the matched route (its retries and faults), {@code null}
	 * when none matched; read only
	 */
	public record Decision(String route, MeshSubset subset, Duration timeout, Route spec) {

	}

	private record CompiledDestination(Duration timeout, List<CompiledRoute> routes) {

		static CompiledDestination of(DestinationPolicy destination) {
			List<CompiledRoute> routes = new ArrayList<>();
			for (Route route : destination.getRoutes()) {
				routes.add(CompiledRoute.of(route, destination.getSubsets()));
			}
			return new CompiledDestination(destination.getTimeout(), List.copyOf(routes));
		}

	}

	private record CompiledRoute(String name, String path, String pathPrefix, List<String> methods,
			Map<String, String> headers, MeshSubset[] subsets, int[] cumulativeWeights, Duration timeout, Route spec) {

		static CompiledRoute of(Route route, Map<String, Subset> subsets) {
			RouteMatch match = route.getMatch();
			List<WeightedSubset> destinations = route.getDestinations();
			MeshSubset[] chosen = new MeshSubset[destinations.size()];
			int[] cumulative = new int[destinations.size()];
			int total = 0;
			for (int i = 0; i < destinations.size(); i++) {
				Subset subset = subsets.get(destinations.get(i).getSubset());
				chosen[i] = (subset != null && !subset.getLabels().isEmpty()) ? new MeshSubset(subset.getLabels())
						: null;
				total += Math.max(0, destinations.get(i).getWeight());
				cumulative[i] = total;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			match.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
			return new CompiledRoute(route.getName(), match.getPath(), match.getPathPrefix(),
					List.copyOf(match.getMethods()), Map.copyOf(headers), chosen, cumulative, route.getTimeout(),
					route);
		}

		boolean matches(HttpMethod method, String requestPath, HttpHeaders requestHeaders) {
			if (this.path != null && !this.path.equals(requestPath)) {
				return false;
			}
			if (this.pathPrefix != null && (requestPath == null || !requestPath.startsWith(this.pathPrefix))) {
				return false;
			}
			if (!this.methods.isEmpty() && (method == null || !this.methods.contains(method.name()))) {
				return false;
			}
			for (Map.Entry<String, String> header : this.headers.entrySet()) {
				if (requestHeaders == null || !header.getValue().equals(requestHeaders.getFirst(header.getKey()))) {
					return false;
				}
			}
			return true;
		}

		MeshSubset pick() {
			int total = (this.cumulativeWeights.length > 0) ? this.cumulativeWeights[this.cumulativeWeights.length - 1]
					: 0;
			if (total <= 0) {
				return null;
			}
			int point = ThreadLocalRandom.current().nextInt(total);
			for (int i = 0; i < this.cumulativeWeights.length; i++) {
				if (point < this.cumulativeWeights[i]) {
					return this.subsets[i];
				}
			}
			return this.subsets[this.subsets.length - 1];
		}

	}

}
