package dev.mesh.gateway.traffic;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.resilience.MeshDeadline;

/**
 * The overall timeout of a route's requests, retries included: past it the request is
 * cancelled and answered {@code 504}. Each attempt tells the backend how much time is
 * left in the {@value MeshDeadline#HEADER} header, through {@link #header()}.
 */
public final class DeadlineGatewayFilter implements GatewayFilter {

	private static final String DEADLINE_ATTRIBUTE = DeadlineGatewayFilter.class.getName() + ".deadline";

	private final Duration timeout;

	/**
	 * Create the filter.
	 * @param timeout the route's timeout
	 */
	public DeadlineGatewayFilter(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.timeout = timeout;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		exchange.getAttributes().put(DEADLINE_ATTRIBUTE, System.nanoTime() + this.timeout.toNanos());
		return chain.filter(exchange)
			.timeout(this.timeout)
			.onErrorMap(TimeoutException.class, (ex) -> new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
					"The route's timeout of " + this.timeout.toMillis() + " ms elapsed", ex));
	}

	/**
	 * Return a filter, to run on each attempt, that sends the time left to the backend.
	 * @return the filter
	 */
	public static GatewayFilter header() {
		return new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				Long deadline = exchange.getAttribute(DEADLINE_ATTRIBUTE);
				if (deadline == null) {
					return chain.filter(exchange);
				}
				String left = millisLeft(deadline);
				return chain.filter(exchange.mutate()
					.request((request) -> request.headers((headers) -> headers.set(MeshDeadline.HEADER, left)))
					.build());
			}

			@Override
			public String toString() {
				return "[MeshDeadlineHeader]";
			}

		};
	}

	/**
	 * Return the time left before a deadline, as the {@value MeshDeadline#HEADER} header
	 * tells a backend: whole milliseconds, at least one.
	 * @param deadline the {@link System#nanoTime()} of the deadline
	 * @return the header's value
	 */
	public static String millisLeft(long deadline) {
		return Long.toString(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
	}

	@Override
	public String toString() {
		return "[MeshTimeout " + this.timeout.toMillis() + " ms]";
	}

}
