package dev.mesh.gateway.direct;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import dev.mesh.gateway.actuate.GatewayRequestMetrics;
import dev.mesh.gateway.edge.ClientAddressHeadersFilter;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundStep;

/**
 * Serves requests of the gateway's mesh routes straight from Reactor Netty, ahead of
 * WebFlux and Spring Cloud Gateway, with the same effect and a fraction of the work. A
 * request is served directly only when all of this holds, otherwise WebFlux serves it as
 * before:
 * <ul>
 * <li>nothing in the application needs WebFlux for every request (see {@link DirectGate}:
 * every web filter has its {@link InboundStep}, every global and header filter is one
 * whose work is done here, no tracing, no CORS, no other handler ahead of Spring Cloud
 * Gateway);</li>
 * <li>it arrives on the public port, has no body, asks for no protocol upgrade and no
 * {@code Expect}, its target is a plain path and query, and it does not come from a
 * trusted proxy whose forwarded headers Spring Cloud Gateway extends;</li>
 * <li>every step accepts it (for example: it carries no identity header to strip and no
 * bearer token to validate);</li>
 * <li>the first route that matches it is a mesh route ahead of every other route, and
 * that route needs nothing that only Spring Cloud Gateway's filters do (a required JWT,
 * mirroring, a rate limit per client, issuing a sticky cookie).</li>
 * </ul>
 * The decision is taken before anything happens to the request, so a request is never
 * half served by one path and finished by the other.
 */
public final class DirectForwarding implements NettyRouteProvider, DisposableBean {

	private static final ThreadLocal<DirectExchange> TAKEN = new ThreadLocal<>();

	private final DirectForwarder forwarder;

	private final GatewayRequestMetrics metrics;

	private final ClientAddressHeadersFilter addresses;

	private final LongAdder served = new LongAdder();

	private volatile DirectGate gate = DirectGate.starting();

	private volatile DirectTable table = DirectTable.EMPTY;

	private volatile int publicPort = -1;

	DirectForwarding(DirectForwarder forwarder, GatewayRequestMetrics metrics, ClientAddressHeadersFilter addresses) {
		this.forwarder = forwarder;
		this.metrics = metrics;
		this.addresses = addresses;
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route(this::takes, this::serve);
	}

	void gate(DirectGate gate) {
		this.gate = gate;
	}

	DirectGate gate() {
		return this.gate;
	}

	void publicPort(int port) {
		this.publicPort = port;
	}

	/**
	 * Read the routes in force.
	 * @param routes Spring Cloud Gateway's routes, in its order
	 * @param policyRoutes the locator of the mesh routes
	 * @param issueCookies whether the gateway issues sticky cookies
	 * @param serviceInstanceCookies whether the load balancer adds its service instance
	 * cookie to the requests of a service
	 */
	void routes(List<Route> routes, PolicyRouteLocator policyRoutes, boolean issueCookies,
			Predicate<String> serviceInstanceCookies) {
		this.table = DirectTable.of(routes, policyRoutes, issueCookies, serviceInstanceCookies);
	}

	/**
	 * Describe how direct forwarding serves the gateway's requests.
	 * @return the description
	 */
	DirectDescriptor describe() {
		DirectGate gate = this.gate;
		return new DirectDescriptor(gate.on(), gate.off(), this.served.sum(), this.table.describe(),
				this.forwarder.upstream());
	}

	/**
	 * Register the gauges of the backend connections direct forwarding keeps:
	 * {@code mesh.gateway.direct.connections} with {@code state} {@code open} and
	 * {@code idle}, when its own client calls backends.
	 * @param registry the registry
	 */
	void bindTo(MeterRegistry registry) {
		this.forwarder.bindTo(registry);
	}

	/**
	 * Close the backend connections direct forwarding keeps.
	 */
	@Override
	public void destroy() {
		this.forwarder.close();
	}

	private boolean takes(HttpServerRequest request) {
		DirectGate gate = this.gate;
		if (!gate.on() || !onPublicPort(request)) {
			return false;
		}
		HttpHeaders headers = request.requestHeaders();
		if (hasBody(headers) || upgrades(headers) || headers.contains(HttpHeaderNames.EXPECT) || acceptsHtml(headers)) {
			return false;
		}
		if (gate.forwarded().extendedForTrusted() && this.addresses.isTrusted(request.remoteAddress())) {
			return false;
		}
		DirectRequest direct = DirectRequest.of(request);
		if (direct == null || gate.reserved().contains(direct.rawPath())) {
			return false;
		}
		DirectRoute route = this.table.match(direct);
		if (route == null || !route.direct()) {
			return false;
		}
		if (route.issuedCookie() != null) {
			String cookie = direct.cookie(route.issuedCookie());
			if (cookie == null || cookie.isEmpty()) {
				return false;
			}
		}
		for (InboundStep step : gate.steps()) {
			if (!step.accepts(direct)) {
				return false;
			}
		}
		TAKEN.set(new DirectExchange(direct, null, route, gate.forwarded()));
		return true;
	}

	private boolean onPublicPort(HttpServerRequest request) {
		SocketAddress local = request.connectionHostAddress();
		return local instanceof InetSocketAddress address && address.getPort() == this.publicPort;
	}

	/**
	 * Whether a request asks to switch protocols (a WebSocket): an offer of cleartext
	 * HTTP/2 that reaches a route was declined by the server, and the request is an
	 * HTTP/1.1 request like any other.
	 */
	private static boolean upgrades(HttpHeaders headers) {
		String upgrade = headers.get(HttpHeaderNames.UPGRADE);
		return upgrade != null && !"h2c".equalsIgnoreCase(upgrade.trim());
	}

	/**
	 * Whether a request accepts HTML, the media type Spring Boot answers errors in for
	 * browsers (any type compatible with {@code text/html} but {@code *}/{@code *}).
	 */
	private static boolean acceptsHtml(HttpHeaders headers) {
		List<String> accept = headers.getAll(HttpHeaderNames.ACCEPT);
		for (String value : accept) {
			if (value.toLowerCase(Locale.ROOT).contains("text/")) {
				try {
					return MediaType.parseMediaTypes(accept)
						.stream()
						.anyMatch((type) -> !type.equalsTypeAndSubtype(MediaType.ALL)
								&& MediaType.TEXT_HTML.isCompatibleWith(type));
				}
				catch (InvalidMediaTypeException ex) {
					return false;
				}
			}
		}
		return false;
	}

	private static boolean hasBody(HttpHeaders headers) {
		if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
			return true;
		}
		List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
		return !lengths.isEmpty() && !(lengths.size() == 1 && "0".equals(lengths.get(0)));
	}

	private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		DirectExchange taken = TAKEN.get();
		TAKEN.remove();
		if (taken == null || taken.request().request() != request) {
			// Reactor Netty tests a route and calls its handler at once, on one thread
			return Mono.error(new IllegalStateException("No direct route taken for " + request.uri()));
		}
		DirectExchange exchange = new DirectExchange(taken.request(), response, taken.route(), taken.forwarded());
		this.served.increment();
		DirectGate gate = this.gate;
		List<InboundStep> steps = gate.steps();
		long start = System.nanoTime();
		return Mono.defer(() -> {
			int applied = 0;
			for (InboundStep step : steps) {
				InboundRefusal refusal = step.apply(exchange.request());
				if (refusal != null) {
					int through = applied;
					return DirectErrors.refuse(response, refusal)
						.doFinally((signal) -> completed(steps, through, exchange));
				}
				applied++;
			}
			int through = applied;
			return this.forwarder.forward(exchange).doFinally((signal) -> {
				completed(steps, through, exchange);
				count(exchange, gate, start);
			});
		});
	}

	private static void completed(List<InboundStep> steps, int applied, DirectExchange exchange) {
		for (int i = applied - 1; i >= 0; i--) {
			steps.get(i).completed(exchange.request());
		}
	}

	private void count(DirectExchange exchange, DirectGate gate, long start) {
		HttpServerResponse response = exchange.response();
		int status = response.hasSentHeaders() ? response.status().code() : 0;
		long nanos = System.nanoTime() - start;
		if (this.metrics != null) {
			this.metrics.count(exchange.route().id(), exchange.route().model().service(),
					(exchange.destination() != null) ? exchange.destination().name() : "any", status, false);
		}
		if (gate.timer() != null) {
			gate.timer().record(exchange.route(), exchange.request().method(), status, nanos);
		}
		if (gate.serverTimer() != null) {
			gate.serverTimer().record(exchange.request().method(), status, exceptionName(exchange.failure()), nanos);
		}
	}

	private static String exceptionName(Throwable failure) {
		if (failure instanceof DirectFailure direct) {
			return direct.exceptionName();
		}
		return (failure != null) ? failure.getClass().getSimpleName() : "none";
	}

	/**
	 * How direct forwarding serves the gateway's requests.
	 *
	 * @param on whether it serves any
	 * @param off why it serves none, {@code null} when it serves some
	 * @param served requests served directly so far
	 * @param routes how each mesh route is served: {@code direct} or why not
	 */
	record DirectDescriptor(boolean on, String off, long served, Map<String, String> routes,
			DirectForwarder.UpstreamDescriptor upstream) {

	}

}
