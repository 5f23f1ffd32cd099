package dev.mesh.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Flux;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.gateway.traffic.FaultGatewayFilter;
import dev.mesh.gateway.traffic.MirrorGatewayFilter;
import dev.mesh.gateway.traffic.SubsetSplit;
import dev.mesh.policy.Violation;

/**
 * The gateway routes of the policy in force ({@code GatewayRoute} policies pushed by the
 * control service and the gateway's own {@code mesh.gateway.routes}), rebuilt whenever
 * the policy changes and swapped in atomically, after which a {@link RefreshRoutesEvent}
 * makes Spring Cloud Gateway's route cache read them. No restart; a request already
 * routed keeps the route it started with. A route the change did not touch keeps its
 * Spring Cloud Gateway route (and so its split schedule and counters); a route that a
 * change made invalid keeps its last valid version, and the violations are logged and
 * shown in {@code /actuator/mesh}.
 */
public final class PolicyRouteLocator implements RouteLocator {

	private static final Log logger = LogFactory.getLog(PolicyRouteLocator.class);

	private final RouteFactory factory;

	private final ApplicationEventPublisher publisher;

	private final Predicate<String> pushed;

	private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);

	PolicyRouteLocator(MeshPolicyState policy, RouteFactory factory, ApplicationEventPublisher publisher,
			Predicate<String> pushed) {
		this.factory = factory;
		this.publisher = publisher;
		this.pushed = pushed;
		apply(policy.current(), false);
		policy.addListener((applied) -> apply(applied, true));
	}

	@Override
	public Flux<Route> getRoutes() {
		return Flux.fromIterable(this.state.get().routes());
	}

	/**
	 * Return the version of the policy the routes in force were built from.
	 * @return the version, {@code -1} for the gateway's own configuration alone
	 */
	public long policyVersion() {
		return this.state.get().version();
	}

	/**
	 * Return the routes that are invalid, with their violations. A rejected route that
	 * was valid before is still served in its last valid version.
	 * @return the violations by route id
	 */
	public Map<String, List<Violation>> rejected() {
		return this.state.get().rejected();
	}

	/**
	 * Return the split of a route.
	 * @param id the route id
	 * @return the split, {@code null} when the route has none or is unknown
	 */
	public SubsetSplit split(String id) {
		RouteFactory.CompiledRoute route = this.state.get().byId().get(id);
		return (route != null) ? route.split() : null;
	}

	/**
	 * Return the mirror of a route.
	 * @param id the route id
	 * @return the mirror, {@code null} when the route has none or is unknown
	 */
	public MirrorGatewayFilter mirror(String id) {
		RouteFactory.CompiledRoute route = this.state.get().byId().get(id);
		return (route != null) ? route.mirror() : null;
	}

	/**
	 * Return what a Spring Cloud Gateway route of the policy in force was built from.
	 * @param route the route, as this locator emitted it
	 * @return the mesh route, {@code null} for a route this locator did not build or no
	 * longer serves
	 */
	public BuiltRoute built(Route route) {
		RouteFactory.CompiledRoute compiled = this.state.get().byRoute().get(route);
		return (compiled != null) ? new BuiltRoute(compiled.model(), compiled.split(), compiled.fault()) : null;
	}

	synchronized void apply(AppliedPolicy applied, boolean publish) {
		State previous = this.state.get();
		MeshRoutes.Compiled compiled = MeshRoutes.compile(applied.policy(), this.pushed);
		Map<String, RouteFactory.CompiledRoute> byId = new LinkedHashMap<>();
		for (MeshRoute model : compiled.routes()) {
			RouteFactory.CompiledRoute kept = previous.byId().get(model.id());
			byId.put(model.id(), (kept != null && kept.model().equals(model)) ? kept : this.factory.create(model));
		}
		Map<String, List<Violation>> rejected = new LinkedHashMap<>(compiled.rejected());
		rejected.forEach((id, violations) -> {
			RouteFactory.CompiledRoute lastGood = previous.byId().get(id);
			if (lastGood != null) {
				byId.put(id, lastGood);
			}
			if (!violations.equals(previous.rejected().get(id))) {
				logger.error("Gateway route " + id + " is invalid"
						+ ((lastGood != null) ? ", keeping its last valid version: " : " and is not served: ")
						+ violations);
			}
		});
		List<RouteFactory.CompiledRoute> ordered = new ArrayList<>(byId.values());
		ordered.sort(Comparator.comparingInt((RouteFactory.CompiledRoute route) -> route.model().order())
			.thenComparing((route) -> route.model().id()));
		Map<Route, RouteFactory.CompiledRoute> byRoute = new IdentityHashMap<>();
		ordered.forEach((route) -> byRoute.put(route.route(), route));
		State next = new State(ordered.stream().map(RouteFactory.CompiledRoute::route).toList(), byId, byRoute,
				Map.copyOf(rejected), applied.version());
		this.state.set(next);
		if (publish && !next.routes().equals(previous.routes())) {
			logger.info("Gateway routes from policy version " + applied.version() + ": " + byId.keySet());
			this.publisher.publishEvent(new RefreshRoutesEvent(this));
		}
	}

	/**
	 * The routes in force.
	 *
	 * @param routes the Spring Cloud Gateway routes, in order
	 * @param byId each route as built, by id
	 * @param byRoute each route as built, by its Spring Cloud Gateway route (identity)
	 * @param rejected the violations of each invalid route
	 * @param version the policy version they were built from
	 */
	record State(List<Route> routes, Map<String, RouteFactory.CompiledRoute> byId,
			Map<Route, RouteFactory.CompiledRoute> byRoute, Map<String, List<Violation>> rejected, long version) {

		static final State EMPTY = new State(List.of(), new HashMap<>(), new IdentityHashMap<>(), Map.of(), -1);

	}

	/**
	 * What a Spring Cloud Gateway route of the policy was built from, with the parts that
	 * keep state, shared by every path that serves the route.
	 *
	 * @param model the mesh route
	 * @param split its split, {@code null} without destinations
	 * @param fault its fault injection, {@code null} without one
	 */
	public record BuiltRoute(MeshRoute model, SubsetSplit split, FaultGatewayFilter fault) {

	}

}
