package dev.mesh.policy.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A route of a destination service: requests that match go to the given subsets.
 */
public class Route {

	/**
	 * Name of the route, for metrics and status.
	 */
	private String name;

	/**
	 * Conditions a request must meet; an empty match takes every request.
	 */
	private RouteMatch match = new RouteMatch();

	/**
	 * Subsets that receive the matching requests, with their weights; empty means any
	 * instance.
	 */
	private List<WeightedSubset> destinations = new ArrayList<>();

	/**
	 * Overall timeout of the matching requests, overriding the destination's.
	 */
	private Duration timeout;

	/**
	 * Retries of the matching requests, overriding the destination's.
	 */
	private Retries retries;

	/**
	 * Whether the matching requests may be retried whatever their method, because the
	 * application makes them idempotent.
	 */
	private Boolean safe;

	/**
	 * Faults injected into a share of the matching requests, overriding the
	 * destination's.
	 */
	private Fault fault;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public RouteMatch getMatch() {
		return this.match;
	}

	public void setMatch(RouteMatch match) {
		this.match = match;
	}

	public List<WeightedSubset> getDestinations() {
		return this.destinations;
	}

	public void setDestinations(List<WeightedSubset> destinations) {
		this.destinations = destinations;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Retries getRetries() {
		return this.retries;
	}

	public void setRetries(Retries retries) {
		this.retries = retries;
	}

	public Boolean getSafe() {
		return this.safe;
	}

	public void setSafe(Boolean safe) {
		this.safe = safe;
	}

	public Fault getFault() {
		return this.fault;
	}

	public void setFault(Fault fault) {
		this.fault = fault;
	}

}
