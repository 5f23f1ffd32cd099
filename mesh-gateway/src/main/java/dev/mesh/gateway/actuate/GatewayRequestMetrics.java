package dev.mesh.gateway.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.SplitGatewayFilter;
import dev.mesh.gateway.traffic.StickyCookieIssuer;
import dev.mesh.loadbalancer.MeshSubset;

/**
 * Counts every request a route answered, once whatever its retries, as
 * {@code mesh.gateway.requests} tagged with the route ({@code mesh.route}), its service
 * ({@code mesh.destination}), the subset chosen ({@code mesh.subset}: the subset's name
 * for mesh routes, its labels for a {@code Subset} filter, {@code any} without one) and
 * the outcome of the answer; and the sticky cookies issued, as
 * {@code mesh.gateway.sticky.cookies.issued} by route and subset.
 */
final class GatewayRequestMetrics implements GlobalFilter, Ordered {

	/**
	 * Name of the counter.
	 */
	static final String REQUESTS = "mesh.gateway.requests";

	/**
	 * Name of the counter of issued sticky cookies.
	 */
	static final String STICKY_COOKIES = "mesh.gateway.sticky.cookies.issued";

	private final ObjectProvider<MeterRegistry> registry;

	GatewayRequestMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).doFinally((signal) -> count(exchange));
	}

	private void count(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		MeterRegistry meters = this.registry.getIfAvailable();
		if (route == null || meters == null) {
			return;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Counter.builder(REQUESTS)
			.description("Requests the gateway answered, by route, destination service, subset and outcome")
			.tag("mesh.route", route.getId())
			.tag("mesh.destination", "lb".equals(route.getUri().getScheme()) ? route.getUri().getHost() : "none")
			.tag("mesh.subset", subset(exchange))
			.tag("outcome", (status != null) ? Outcome.forStatus(status.value()).name() : Outcome.UNKNOWN.name())
			.register(meters)
			.increment();
		if (exchange.getAttribute(StickyCookieIssuer.ISSUED_ATTRIBUTE) != null) {
			Counter.builder(STICKY_COOKIES)
				.description("Sticky cookies the gateway issued to users who had none, by route and subset")
				.tag("mesh.route", route.getId())
				.tag("mesh.subset", subset(exchange))
				.register(meters)
				.increment();
		}
	}

	private static String subset(ServerWebExchange exchange) {
		Destination destination = exchange.getAttribute(SplitGatewayFilter.DESTINATION_ATTRIBUTE);
		if (destination != null) {
			return destination.name();
		}
		Object subset = exchange.getAttribute(MeshSubset.ATTRIBUTE);
		return (subset != null) ? subset.toString() : "any";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1000;
	}

}
