package dev.mesh.gateway.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * {@code mesh.gateway.sticky.cookies.issued} by route and subset. The registry is looked
 * up once and each counter registered once, then kept: a request only increments it.
 */
public final class GatewayRequestMetrics implements GlobalFilter, Ordered {

	/**
	 * Name of the counter.
	 */
	static final String REQUESTS = "mesh.gateway.requests";

	/**
	 * Name of the counter of issued sticky cookies.
	 */
	static final String STICKY_COOKIES = "mesh.gateway.sticky.cookies.issued";

	private final ObjectProvider<MeterRegistry> registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private final Map<Key, Counter> stickyCookies = new ConcurrentHashMap<>();

	private volatile MeterRegistry meters;

	GatewayRequestMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).doFinally((signal) -> count(exchange));
	}

	private void count(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		count(route.getId(), "lb".equals(route.getUri().getScheme()) ? route.getUri().getHost() : "none",
				subset(exchange), (status != null) ? status.value() : 0,
				exchange.getAttribute(StickyCookieIssuer.ISSUED_ATTRIBUTE) != null);
	}

	/**
	 * Count a request a route answered.
	 * @param route the route's id
	 * @param destination the destination service, {@code none} without one
	 * @param subset the subset chosen, {@code any} without one
	 * @param status the status of the answer, 0 when none was sent
	 * @param stickyCookieIssued whether the answer issued a sticky cookie
	 */
	public void count(String route, String destination, String subset, int status, boolean stickyCookieIssued) {
		MeterRegistry meters = registry();
		if (meters == null) {
			return;
		}
		Key key = new Key(route, destination, subset, Outcome.forStatus(status).name());
		Counter counter = this.counters.get(key);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(key, (missing) -> register(missing, meters));
		}
		counter.increment();
		if (stickyCookieIssued) {
			Key issued = new Key(key.route(), key.destination(), key.subset(), "issued");
			this.stickyCookies.computeIfAbsent(issued, (missing) -> registerStickyCookies(missing, meters)).increment();
		}
	}

	private MeterRegistry registry() {
		MeterRegistry meters = this.meters;
		if (meters == null) {
			meters = this.registry.getIfAvailable();
			this.meters = meters;
		}
		return meters;
	}

	private static Counter register(Key key, MeterRegistry meters) {
		return Counter.builder(REQUESTS)
			.description("Requests the gateway answered, by route, destination service, subset and outcome")
			.tag("mesh.route", key.route())
			.tag("mesh.destination", key.destination())
			.tag("mesh.subset", key.subset())
			.tag("outcome", key.outcome())
			.register(meters);
	}

	private static Counter registerStickyCookies(Key key, MeterRegistry meters) {
		return Counter.builder(STICKY_COOKIES)
			.description("Sticky cookies the gateway issued to users who had none, by route and subset")
			.tag("mesh.route", key.route())
			.tag("mesh.subset", key.subset())
			.register(meters);
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

	/**
	 * The tags of one counter.
	 *
	 * @param route the route's id
	 * @param destination the destination service, {@code none} without one
	 * @param subset the subset chosen
	 * @param outcome the outcome of the answer
	 */
	private record Key(String route, String destination, String subset, String outcome) {

	}

}
