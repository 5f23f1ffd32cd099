package dev.mesh.gateway.traffic;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.resilience.BulkheadFullException;
import dev.mesh.resilience.CallAttempt;
import dev.mesh.resilience.CallFailure;
import dev.mesh.resilience.CircuitOpenException;
import dev.mesh.resilience.MeshResilience;

/**
 * Puts every attempt of an {@code lb://} route (mesh routes and Spring Cloud Gateway
 * routes alike, each retry again) through the circuit breaker and bulkhead of the
 * destination service's policy: the same state, and the same metrics, as the mesh's
 * clients use. An open breaker or a full bulkhead answers {@code 503} at once, without
 * calling the backend, marked {@value #HEADER}: {@code circuit-open} or
 * {@code bulkhead-full}. As in the mesh's clients, a 5xx answer, a connection failure, a
 * reset or a timeout counts as a failure of the destination; an attempt cancelled (the
 * client went away, the route's timeout elapsed) or that found no instance gives its
 * permission and its slot back without counting.
 */
public final class ResilienceGatewayFilter implements GlobalFilter, Ordered {

	/**
	 * Order of the filter: right before the load balancer picks an instance, so that the
	 * route's retries go through the breaker and the bulkhead again.
	 */
	public static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

	/**
	 * Response header saying why the gateway refused to call the backend.
	 */
	public static final String HEADER = "x-mesh-refused";

	private static final String NO_ROUTE = "default";

	private final MeshResilience resilience;

	/**
	 * Create the filter.
	 * @param resilience the mesh's resilience chain
	 */
	public ResilienceGatewayFilter(MeshResilience resilience) {
		Assert.notNull(resilience, "'resilience' must not be null");
		this.resilience = resilience;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		String prefix = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR);
		if (url == null || url.getHost() == null || !("lb".equals(url.getScheme()) || "lb".equals(prefix))) {
			return chain.filter(exchange);
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		CallAttempt attempt;
		try {
			attempt = this.resilience.admit(url.getHost(), (route != null) ? route.getId() : NO_ROUTE);
		}
		catch (CircuitOpenException ex) {
			return refuse(exchange, "circuit-open", ex);
		}
		catch (BulkheadFullException ex) {
			return refuse(exchange, "bulkhead-full", ex);
		}
		if (!attempt.guarded()) {
			// Neither breaker nor bulkhead: nothing to report, no operators on the hot
			// path
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.doOnSuccess((done) -> completed(exchange, attempt))
			.doOnError((ex) -> failed(attempt, ex))
			.doOnCancel(attempt::cancelled);
	}

	private static void completed(ServerWebExchange exchange, CallAttempt attempt) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status != null) {
			attempt.completed(status.value());
		}
		else {
			attempt.cancelled();
		}
	}

	private static void failed(CallAttempt attempt, Throwable ex) {
		if (ex instanceof NotFoundException) {
			// No instance to call: nothing is learnt about the destination.
			attempt.cancelled();
		}
		else {
			attempt.failed((ex instanceof TimeoutException) ? CallFailure.TIMEOUT : CallFailure.of(ex));
		}
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, String reason, RuntimeException ex) {
		// An error, not an answer: the route's retries must not try again at once.
		exchange.getResponse().getHeaders().set(HEADER, reason);
		return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
