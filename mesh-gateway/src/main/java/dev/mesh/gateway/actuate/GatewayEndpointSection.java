package dev.mesh.gateway.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.util.concurrent.EventExecutor;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

import dev.mesh.actuate.MeshEndpointSection;
import dev.mesh.gateway.jwt.GatewayJwt;
import dev.mesh.gateway.route.ExpressionFreeRouteDefinitionLocator;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.MirrorGatewayFilter;
import dev.mesh.gateway.traffic.SubsetSplit;

/**
 * The {@code gateway} section of {@code /actuator/mesh}: every route in force with where
 * it comes from (a {@code GatewayRoute} policy, the gateway's own
 * {@code mesh.gateway.routes}, or Spring Cloud Gateway's configuration), the split of
 * each policy route with how many requests each subset got, its mirror, the routes that
 * were rejected and why, JWT validation at the edge and the number of event loops the
 * server and its clients share. Read only.
 */
public final class GatewayEndpointSection implements MeshEndpointSection {

	/**
	 * Source of the routes Spring Cloud Gateway defines (its properties, Java DSL).
	 */
	static final String SPRING_CLOUD_GATEWAY = "spring-cloud-gateway";

	private final RouteLocator routes;

	private final PolicyRouteLocator policyRoutes;

	private final RouteDefinitionLocator definitions;

	private final GatewayJwt jwt;

	private final ReactorResourceFactory resources;

	GatewayEndpointSection(RouteLocator routes, PolicyRouteLocator policyRoutes, RouteDefinitionLocator definitions,
			GatewayJwt jwt, ReactorResourceFactory resources) {
		this.routes = routes;
		this.policyRoutes = policyRoutes;
		this.definitions = definitions;
		this.jwt = jwt;
		this.resources = resources;
	}

	@Override
	public String name() {
		return "gateway";
	}

	@Override
	public GatewayDescriptor describe() {
		List<RouteDescriptor> described = new ArrayList<>();
		List<Route> inForce = this.routes.getRoutes().collectList().block(Duration.ofSeconds(10));
		for (Route route : (inForce != null) ? inForce : List.<Route>of()) {
			described.add(describe(route));
		}
		Map<String, List<String>> rejected = new LinkedHashMap<>();
		this.policyRoutes.rejected()
			.forEach((id, violations) -> rejected.put(id,
					violations.stream().map((violation) -> violation.field() + ": " + violation.message()).toList()));
		if (this.definitions instanceof ExpressionFreeRouteDefinitionLocator guarded) {
			guarded.rejected()
				.forEach((id, field) -> rejected.put(id,
						List.of(field + ": must not contain '#{' or '${': expressions are never evaluated")));
		}
		return new GatewayDescriptor(this.policyRoutes.policyVersion(), described, rejected, this.jwt.describe(),
				eventLoops());
	}

	private int eventLoops() {
		// Not running: asking for its loops would start the resources again
		if (this.resources == null || !this.resources.isRunning()) {
			return 0;
		}
		int loops = 0;
		for (EventExecutor ignored : this.resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE)) {
			loops++;
		}
		return loops;
	}

	private RouteDescriptor describe(Route route) {
		Object source = route.getMetadata().get("mesh.source");
		boolean mesh = source != null;
		SubsetSplit split = mesh ? this.policyRoutes.split(route.getId()) : null;
		MirrorGatewayFilter mirror = mesh ? this.policyRoutes.mirror(route.getId()) : null;
		List<SplitDescriptor> subsets = new ArrayList<>();
		if (split != null) {
			List<Long> counts = split.counts();
			for (int i = 0; i < split.destinations().size(); i++) {
				Destination destination = split.destinations().get(i);
				subsets.add(new SplitDescriptor(destination.name(), destination.subset().labels(), destination.weight(),
						counts.get(i)));
			}
		}
		return new RouteDescriptor(route.getId(), mesh ? source.toString() : SPRING_CLOUD_GATEWAY, route.getOrder(),
				route.getUri().toString(), route.getPredicate().toString(),
				route.getFilters().stream().map(Object::toString).toList(), subsets,
				(split != null && split.sticky() != null) ? split.sticky().toString() : null,
				(mirror != null) ? mirror.stats() : null);
	}

	/**
	 * The gateway's routes.
	 *
	 * @param policyVersion version of the policy the mesh routes were built from,
	 * {@code -1} for the gateway's own configuration alone
	 * @param routes every route in force, in the order they are tried
	 * @param rejected routes that are invalid, by id, with why; a rejected mesh route
	 * that was valid before is still served in its last valid version
	 * @param jwt JWT validation at the edge
	 * @param eventLoops Reactor Netty event loops the server and its clients share (as
	 * many as the JVM has CPUs unless {@code mesh.gateway.event-loops} or the
	 * {@code reactor.netty.ioWorkerCount} system property says otherwise), {@code 0} when
	 * no Reactor Netty resources are running
	 */
	public record GatewayDescriptor(long policyVersion, List<RouteDescriptor> routes,
			Map<String, List<String>> rejected, GatewayJwt.Descriptor jwt, int eventLoops) {

	}

	/**
	 * One route in force.
	 *
	 * @param id the route id ({@code namespace/name} for mesh routes)
	 * @param source {@code policy}, {@code application} or {@code spring-cloud-gateway}
	 * @param order the order, lower first
	 * @param uri where it sends requests
	 * @param predicate which requests it takes
	 * @param filters its filters, in order
	 * @param split the subsets it splits requests between, with their weights and the
	 * requests each got since the route was built
	 * @param sticky the key of a sticky split, {@code null} for none
	 * @param mirror its mirror and what happened to the copies, {@code null} for none
	 */
	public record RouteDescriptor(String id, String source, int order, String uri, String predicate,
			List<String> filters, List<SplitDescriptor> split, String sticky, MirrorGatewayFilter.Stats mirror) {

	}

	/**
	 * One subset of a split.
	 *
	 * @param subset the subset's name
	 * @param labels the labels its instances carry
	 * @param weight its share, in percent
	 * @param requests requests it got since the route was built
	 */
	public record SplitDescriptor(String subset, Map<String, String> labels, int weight, long requests) {

	}

}
