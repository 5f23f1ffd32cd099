package dev.mesh.gateway.direct;

import reactor.netty.http.server.HttpServerResponse;

import dev.mesh.gateway.traffic.Destination;

/**
 * A request being forwarded directly, with its route, its answer and what was decided for
 * it along the way.
 */
final class DirectExchange {

	private final DirectRequest request;

	private final HttpServerResponse response;

	private final DirectRoute route;

	private final DirectGate.ForwardedHeaders forwarded;

	private Destination destination;

	private Long deadline;

	private Throwable failure;

	DirectExchange(DirectRequest request, HttpServerResponse response, DirectRoute route,
			DirectGate.ForwardedHeaders forwarded) {
		this.request = request;
		this.response = response;
		this.route = route;
		this.forwarded = forwarded;
	}

	DirectRequest request() {
		return this.request;
	}

	HttpServerResponse response() {
		return this.response;
	}

	DirectRoute route() {
		return this.route;
	}

	/**
	 * Return what happens to the request's forwarded headers.
	 * @return the handling of forwarded headers
	 */
	DirectGate.ForwardedHeaders forwarded() {
		return this.forwarded;
	}

	/**
	 * Return the subset the split chose.
	 * @return the destination, {@code null} for a route without a split or before it
	 * chose
	 */
	Destination destination() {
		return this.destination;
	}

	void destination(Destination destination) {
		this.destination = destination;
	}

	/**
	 * Return when the route's timeout elapses.
	 * @return the {@link System#nanoTime()} of the deadline, {@code null} without a
	 * timeout
	 */
	Long deadline() {
		return this.deadline;
	}

	void deadline(long nanoTime) {
		this.deadline = nanoTime;
	}

	/**
	 * Return the failure the request was answered for.
	 * @return the failure, {@code null} when it was answered by the backend
	 */
	Throwable failure() {
		return this.failure;
	}

	void failure(Throwable failure) {
		this.failure = failure;
	}

}
