package dev.mesh.loadbalancer;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;

/**
 * The current {@link RoutingTable}, rebuilt from each newly applied policy and swapped in
 * atomically: a request routes on the table it started with.
 */
public final class MeshRouting {

	private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);

	/**
	 * Create routing that follows the applied policy.
	 * @param state the applied policy
	 */
	public MeshRouting(MeshPolicyState state) {
		state.addListener(this::apply);
		apply(state.current());
	}

	private void apply(AppliedPolicy applied) {
		this.table.set(RoutingTable.of(applied.policy()));
	}

	/**
	 * Pick where a request to a destination goes.
	 * @param service the destination service
	 * @param method the request method
	 * @param path the request path
	 * @param headers the request headers
	 * @return the decision
	 */
	public RoutingTable.Decision route(String service, HttpMethod method, String path, HttpHeaders headers) {
		return this.table.get().route(service, method, path, headers);
	}

}
