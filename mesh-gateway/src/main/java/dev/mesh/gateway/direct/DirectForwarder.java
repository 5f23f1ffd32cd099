package dev.mesh.gateway.direct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.gateway.edge.ClientAddressHeadersFilter;
import dev.mesh.gateway.route.MeshRoute;
import dev.mesh.gateway.traffic.DeadlineGatewayFilter;
import dev.mesh.gateway.traffic.Destination;
import dev.mesh.gateway.traffic.FaultGatewayFilter;
import dev.mesh.gateway.traffic.ResilienceGatewayFilter;
import dev.mesh.gateway.traffic.StickyKey;
import dev.mesh.loadbalancer.HashKeyValues;
import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.Pick;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.resilience.BulkheadFullException;
import dev.mesh.resilience.CallAttempt;
import dev.mesh.resilience.CallFailure;
import dev.mesh.resilience.CircuitOpenException;
import dev.mesh.resilience.MeshDeadline;
import dev.mesh.resilience.MeshResilience;

/**
 * Forwards a request of a mesh route to its service, doing what the route's Spring Cloud
 * Gateway filters and the gateway's global filters do for a request without a body:
 * faults, the route's timeout, the subset split (with the cohort header), retries with
 * backoff for idempotent methods, each attempt through the destination's circuit breaker
 * and bulkhead, the mesh's load balancer and the gateway's pooled client (mutual TLS
 * included), with the per-attempt response timeout; the headers Spring Cloud Gateway's
 * header filters would send (hop-by-hop and forwarded headers removed, the client address
 * chain and the mesh caller set, no {@code Host}); and the answer streamed back with the
 * hop-by-hop headers removed. Failures are answered as Spring Cloud Gateway's error
 * handling answers them: 503 without an instance or when refused (with
 * {@value ResilienceGatewayFilter#HEADER}), 504 after a timeout, 500 otherwise.
 */
final class DirectForwarder {

	private static final Set<String> HOP_BY_HOP = caseInsensitive(
			List.of("connection", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-authorization",
					"proxy-authenticate", "x-application-context", "upgrade"));

	private static final String CONNECTIONS = "mesh.gateway.direct.connections";

	private final ReactorUpstream gatewayClient;

	private final NettyUpstream netty;

	private final String nettyOff;

	private final Duration responseTimeout;

	private final MeshLoadBalancer loadBalancer;

	private final Function<MeshInstance, MeshServiceInstance> transport;

	private final MeshResilience resilience;

	private final ClientAddressHeadersFilter addresses;

	/**
	 * Create a forwarder.
	 * @param gatewayClient Spring Cloud Gateway's client
	 * @param netty the client for plain-HTTP instances at an IP address, {@code null}
	 * when Spring Cloud Gateway's client is set up in a way it does not repeat
	 * @param nettyOff why there is no Netty client, {@code null} when there is one
	 * @param responseTimeout the gateway's response timeout, {@code null} for none
	 * @param loadBalancer picks instances
	 * @param transport the instance to call for a mesh instance (its scheme and port)
	 * @param resilience circuit breakers and bulkheads
	 * @param addresses the client address headers
	 */
	DirectForwarder(ReactorUpstream gatewayClient, NettyUpstream netty, String nettyOff, Duration responseTimeout,
			MeshLoadBalancer loadBalancer, Function<MeshInstance, MeshServiceInstance> transport,
			MeshResilience resilience, ClientAddressHeadersFilter addresses) {
		this.gatewayClient = gatewayClient;
		this.netty = netty;
		this.nettyOff = nettyOff;
		this.responseTimeout = responseTimeout;
		this.loadBalancer = loadBalancer;
		this.transport = transport;
		this.resilience = resilience;
		this.addresses = addresses;
	}

	/**
	 * Describe the clients backends are called with.
	 * @return the description
	 */
	UpstreamDescriptor upstream() {
		if (this.netty == null) {
			return new UpstreamDescriptor("spring-cloud-gateway", this.nettyOff, null, null);
		}
		NettyUpstream.Connections connections = this.netty.connections();
		return new UpstreamDescriptor("netty",
				"instances over https or by host name are called with Spring Cloud Gateway's client",
				connections.open(), connections.idle());
	}

	void bindTo(MeterRegistry registry) {
		if (this.netty != null) {
			Gauge.builder(CONNECTIONS, this.netty, (netty) -> netty.connections().open())
				.tag("state", "open")
				.description("Backend connections of direct forwarding's client")
				.register(registry);
			Gauge.builder(CONNECTIONS, this.netty, (netty) -> netty.connections().idle())
				.tag("state", "idle")
				.description("Backend connections of direct forwarding's client")
				.register(registry);
		}
	}

	/**
	 * Close the connections kept for later requests.
	 */
	void close() {
		if (this.netty != null) {
			this.netty.close();
		}
	}

	/**
	 * Forward a request and stream the answer back.
	 * @param exchange the request, its route and its answer
	 * @return completes when the answer is sent
	 */
	Mono<Void> forward(DirectExchange exchange) {
		DirectRoute route = exchange.route();
		Duration timeout = route.model().timeout();
		Mono<Void> forwarded = Mono.defer(() -> {
			FaultGatewayFilter.Injection injection = (route.fault() != null) ? route.fault().next()
					: FaultGatewayFilter.Injection.NONE;
			if (injection == FaultGatewayFilter.Injection.ABORT) {
				HttpServerResponse response = exchange.response();
				response.status(route.fault().abortStatus()).header(FaultGatewayFilter.HEADER, "abort");
				return response.send();
			}
			HttpHeaders headers = outboundHeaders(exchange);
			Mono<Void> attempts = attempt(exchange, headers, 1);
			return (injection == FaultGatewayFilter.Injection.DELAY) ? Mono.delay(route.fault().delay()).then(attempts)
					: attempts;
		});
		if (timeout != null) {
			exchange.deadline(System.nanoTime() + timeout.toNanos());
			forwarded = forwarded.timeout(timeout, Mono.error(() -> new DirectFailure(504,
					"The route's timeout of " + timeout.toMillis() + " ms elapsed", new TimeoutException())));
		}
		return forwarded.onErrorResume((ex) -> DirectErrors.answer(exchange, ex));
	}

	private HttpHeaders outboundHeaders(DirectExchange exchange) {
		DirectRoute route = exchange.route();
		HttpHeaders sent = exchange.request().request().requestHeaders();
		Set<String> connectionOptions = connectionOptions(sent);
		// Names and values as the server's decoder checked them
		HttpHeaders headers = Upstream.HEADERS.newHeaders();
		for (var header : sent) {
			String name = header.getKey();
			if (!HOP_BY_HOP.contains(name) && !connectionOptions.contains(name) && !removed(exchange, name)
					&& !name.equalsIgnoreCase("host")) {
				headers.add(header.getKey(), header.getValue());
			}
		}
		this.addresses.write(exchange.request().request().remoteAddress(), sent.getAll("X-Forwarded-For"),
				(name, value) -> {
					if (value != null) {
						headers.set(name, value);
					}
					else {
						headers.remove(name);
					}
				});
		Destination destination = (route.split() != null) ? route.split().choose(stickyKey(exchange)) : null;
		exchange.destination(destination);
		if (destination != null) {
			String cohort = route.cohorts().get(destination.name());
			if (cohort != null) {
				headers.set(MeshCohort.HEADER, cohort);
			}
		}
		return headers;
	}

	private static String stickyKey(DirectExchange exchange) {
		StickyKey sticky = exchange.route().split().sticky();
		DirectRequest request = exchange.request();
		return (sticky != null) ? sticky.value(request::cookie, request::header) : null;
	}

	private static boolean removed(DirectExchange exchange, String name) {
		DirectGate.ForwardedHeaders forwarded = exchange.forwarded();
		return (forwarded.removeForwarded() && name.equalsIgnoreCase("forwarded"))
				|| (forwarded.removeXForwarded() && name.regionMatches(true, 0, "x-forwarded-", 0, 12));
	}

	private static Set<String> connectionOptions(HttpHeaders headers) {
		if (!headers.contains(HttpHeaderNames.CONNECTION)) {
			// Most requests and answers: no list to build
			return Set.of();
		}
		List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
		List<String> options = new ArrayList<>();
		for (String value : values) {
			for (String option : value.split(",")) {
				options.add(option.trim());
			}
		}
		return caseInsensitive(options);
	}

	private static Set<String> caseInsensitive(List<String> names) {
		Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(names);
		return set;
	}

	private Mono<Void> attempt(DirectExchange exchange, HttpHeaders headers, int attempt) {
		return Mono.defer(() -> {
			DirectRoute route = exchange.route();
			String service = route.model().service();
			CallAttempt call;
			try {
				call = this.resilience.admit(service, route.id());
			}
			catch (CircuitOpenException ex) {
				return Mono.error(DirectFailure.refused("circuit-open", ex));
			}
			catch (BulkheadFullException ex) {
				return Mono.error(DirectFailure.refused("bulkhead-full", ex));
			}
			Destination destination = exchange.destination();
			MeshSubset subset = (destination != null) ? destination.subset() : null;
			Pick pick = this.loadBalancer.choose(service, subset, hashKeys(exchange));
			if (pick == null) {
				call.cancelled();
				return Mono.error(new DirectFailure(503, "Unable to find instance for " + service, null));
			}
			Outcome outcome = new Outcome(pick, call);
			MeshServiceInstance instance = this.transport.apply(pick.instance());
			Upstream upstream = (this.netty != null && this.netty.calls(instance)) ? this.netty : this.gatewayClient;
			Duration perTry = perTryTimeout(route.model());
			Mono<Upstream.Answer> answer = upstream
				.exchange(exchange, instance, target(exchange), attemptHeaders(exchange, headers), perTry)
				.onErrorMap(ReadTimeoutException.class, (ex) -> new DirectFailure(504,
						"Response took longer than timeout: " + perTry, new TimeoutException()));
			// This attempt's failure becomes a value, so that the failures of later
			// attempts pass through unchanged.
			return answer.cast(Object.class)
				.onErrorResume((ex) -> Mono.just(new Failure(ex)))
				.doOnCancel(outcome::cancelled)
				.flatMap((result) -> (result instanceof Failure failure)
						? failed(exchange, headers, attempt, outcome, failure.cause())
						: answered(exchange, headers, attempt, outcome, (Upstream.Answer) result));
		});
	}

	private Mono<Void> answered(DirectExchange exchange, HttpHeaders headers, int attempt, Outcome outcome,
			Upstream.Answer answer) {
		int status = answer.status().code();
		outcome.completed(status);
		DirectRoute route = exchange.route();
		if (route.retries() != null && route.retries().retries(status) && retriable(exchange, attempt)) {
			return answer.discard()
				.then(Mono.delay(route.backoff(attempt)))
				.then(attempt(exchange, headers, attempt + 1));
		}
		HttpServerResponse response = exchange.response();
		response.status(answer.status());
		HttpHeaders received = answer.headers();
		Set<String> connectionOptions = connectionOptions(received);
		for (var header : received) {
			String name = header.getKey();
			if (!HOP_BY_HOP.contains(name) && !connectionOptions.contains(name)) {
				response.responseHeaders().add(header.getKey(), header.getValue());
			}
		}
		return response.send(answer.body()).then();
	}

	/**
	 * The headers of one attempt: the request's, with the time left before the route's
	 * deadline.
	 */
	private static HttpHeaders attemptHeaders(DirectExchange exchange, HttpHeaders headers) {
		Long deadline = exchange.deadline();
		if (deadline == null) {
			return headers;
		}
		return Upstream.HEADERS.newHeaders()
			.add(headers)
			.set(MeshDeadline.HEADER, DeadlineGatewayFilter.millisLeft(deadline));
	}

	private Mono<Void> failed(DirectExchange exchange, HttpHeaders headers, int attempt, Outcome outcome,
			Throwable failure) {
		outcome.failed(failure);
		DirectRoute route = exchange.route();
		if (route.retries() != null && route.retries().retries(failure) && retriable(exchange, attempt)) {
			return Mono.delay(route.backoff(attempt)).then(attempt(exchange, headers, attempt + 1));
		}
		return Mono.error(failure);
	}

	private static boolean retriable(DirectExchange exchange, int attempt) {
		return attempt < exchange.route().attempts() && Upstream.idempotent(exchange.request().method());
	}

	private Duration perTryTimeout(MeshRoute model) {
		if (model.retries() != null && model.retries().perTryTimeout() != null) {
			return model.retries().perTryTimeout();
		}
		return this.responseTimeout;
	}

	private static HashKeyValues hashKeys(DirectExchange exchange) {
		DirectRequest request = exchange.request();
		return (key) -> switch (key.source()) {
			case HEADER -> request.header(key.name());
			case COOKIE -> request.cookie(key.name());
			case QUERY_PARAMETER -> request.rawQueryParameter(key.name());
		};
	}

	/**
	 * The path and query sent to the backend: the request's path with the route's leading
	 * segments stripped as Spring Cloud Gateway's {@code StripPrefix} does, and its
	 * query, both as sent.
	 */
	private static String target(DirectExchange exchange) {
		String path = exchange.request().rawPath();
		String query = exchange.request().query();
		int strip = exchange.route().model().stripPrefix();
		if (strip <= 0) {
			return (query != null) ? path + "?" + query : path;
		}
		StringBuilder target = new StringBuilder(path.length() + ((query != null) ? query.length() + 1 : 0));
		String[] parts = StringUtils.tokenizeToStringArray(path, "/");
		for (int i = strip; i < parts.length; i++) {
			target.append('/').append(parts[i]);
		}
		if (target.isEmpty()) {
			target.append('/');
		}
		else if (path.endsWith("/")) {
			target.append('/');
		}
		if (query != null) {
			target.append('?').append(query);
		}
		return target.toString();
	}

	/**
	 * The client that calls backends: {@code netty} for plain-HTTP instances at an IP
	 * address, with its connections, or {@code spring-cloud-gateway} and why.
	 *
	 * @param client the client
	 * @param note which instances the other client calls, or why Netty's is not used
	 * @param open connections open, {@code null} for Spring Cloud Gateway's client
	 * @param idle connections idle, {@code null} for Spring Cloud Gateway's client
	 */
	record UpstreamDescriptor(String client, String note, Integer open, Integer idle) {

	}

	/**
	 * An attempt that failed without an answer.
	 */
	private record Failure(Throwable cause) {

	}

	/**
	 * How one attempt ended, reported once to the load balancer's pick and to the
	 * resilience chain.
	 */
	private static final class Outcome {

		private final Pick pick;

		private final CallAttempt call;

		private Outcome(Pick pick, CallAttempt call) {
			this.pick = pick;
			this.call = call;
		}

		void completed(int status) {
			this.pick.completed(status);
			this.call.completed(status);
		}

		void failed(Throwable failure) {
			this.pick.failed();
			this.call.failed((failure instanceof DirectFailure direct && direct.getCause() instanceof TimeoutException)
					? CallFailure.TIMEOUT : CallFailure.of(failure));
		}

		void cancelled() {
			this.pick.cancelled();
			this.call.cancelled();
		}

	}

}
