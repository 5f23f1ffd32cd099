package dev.mesh.loadbalancer;

import java.util.Collection;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.policy.registry.MeshInstance;

/**
 * Decides where one outbound call goes: the policy's routes pick a subset and a timeout,
 * a canary cohort keeps the request on its instances, and the load balancer picks the
 * instance.
 */
public final class MeshOutbound {

	private static final RoutingTable.Decision NO_DECISION = new RoutingTable.Decision(null, null, null, null);

	private final MeshRouting routing;

	private final MeshLoadBalancer loadBalancer;

	/**
	 * Create the outbound decisions.
	 * @param routing the policy's routes, {@code null} when there is no policy
	 * @param loadBalancer the load balancer
	 */
	public MeshOutbound(MeshRouting routing, MeshLoadBalancer loadBalancer) {
		this.routing = routing;
		this.loadBalancer = loadBalancer;
	}

	/**
	 * Decide where a call goes.
	 * @param service the destination service
	 * @param call what the call carries
	 * @return the target, with a pick the caller must complete, or without one when the
	 * destination (or the chosen subset) has no instance
	 */
	public Target resolve(String service, Call call) {
		return pick(service, call, route(service, call), List.of());
	}

	/**
	 * Match a call to the destination's routes: the route's subset and timeout.
	 * @param service the destination service
	 * @param call what the call carries
	 * @return the decision
	 */
	public RoutingTable.Decision route(String service, Call call) {
		return (this.routing != null) ? this.routing.route(service, call.method(), call.path(), call.headers())
				: NO_DECISION;
	}

	/**
	 * Pick the instance for one attempt of a routed call.
	 * @param service the destination service
	 * @param call what the call carries
	 * @param decision the call's route decision
	 * @param avoid ids of instances to avoid where another candidate exists (those a
	 * retried call already tried)
	 * @return the target, with a pick the caller must complete, or without one when the
	 * destination (or the chosen subset) has no instance
	 */
	public Target pick(String service, Call call, RoutingTable.Decision decision, Collection<String> avoid) {
		MeshSubset subset = (call.subset() != null) ? call.subset() : decision.subset();
		MeshCohort cohort = cohort(call);
		String label = this.loadBalancer.settings(service).cohortLabel();
		if (label != null && cohort != null && cohort.label().equals(label)) {
			Pick pick = this.loadBalancer.choose(service, cohort.subset(), call.keys(), avoid);
			if (pick != null) {
				return new Target(decision, pick, cohort, cohort.subset());
			}
		}
		Pick pick = this.loadBalancer.choose(service, subset, call.keys(), avoid);
		if (pick == null) {
			return new Target(decision, null, cohort, subset);
		}
		if (cohort == null && label != null) {
			cohort = started(pick.instance(), label);
		}
		return new Target(decision, pick, cohort, subset);
	}

	private static MeshCohort cohort(Call call) {
		MeshCohort explicit = (call.headers() != null) ? MeshCohort.parse(call.headers().getFirst(MeshCohort.HEADER))
				: null;
		return (explicit != null) ? explicit : call.inboundCohort();
	}

	private static MeshCohort started(MeshInstance instance, String label) {
		String value = DestinationBalancer.labels(instance).get(label);
		return (value != null) ? MeshCohort.parse(label + "=" + value) : null;
	}

	/**
	 * What an outbound call carries that decides where it goes.
	 *
	 * @param method the request method
	 * @param path the request path
	 * @param headers the request headers
	 * @param subset a subset the caller asked for, {@code null} for none
	 * @param inboundCohort the cohort of the inbound request being served, {@code null}
	 * for none
	 * @param keys the request's values for consistent hashing
	 */
	public record Call(HttpMethod method, String path, HttpHeaders headers, MeshSubset subset, MeshCohort inboundCohort,
			HashKeyValues keys) {

	}

	/**
	 * Where one call goes.
	 *
	 * @param decision the route decision (route name, timeout)
	 * @param pick the chosen instance, to be completed with the call's outcome;
	 * {@code null} when no instance is available
	 * @param cohort the cohort to send downstream, {@code null} for none
	 * @param subset the subset the instance was picked from, {@code null} for any
	 */
	public record Target(RoutingTable.Decision decision, Pick pick, MeshCohort cohort, MeshSubset subset) {

	}

}
