package dev.mesh.gateway.traffic;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpMethod;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.loadbalancer.HashKeyValues;
import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.loadbalancer.Pick;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Copies an exact share of a route's requests to a shadow subset of its service, fire and
 * forget: the copy leaves on its own, its response is read and discarded, it is cancelled
 * after its own timeout, and its outcome never reaches the client. The copy carries the
 * request's headers (not the cohort chosen for the primary) and
 * {@value #HEADER}{@code : <route>}. The primary request does not wait for it; only a
 * copied request with a body is read whole first (up to
 * {@link ShadowTarget.Settings#maxBodySize()}) so that both can send it.
 */
public final class MirrorGatewayFilter implements GatewayFilter {

	/**
	 * Header marking a copy, whose value is the route.
	 */
	public static final String HEADER = "x-mesh-mirror";

	private static final Log logger = LogFactory.getLog(MirrorGatewayFilter.class);

	private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "connection", "keep-alive",
			"transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", MeshCohort.HEADER);

	private final String route;

	private final String service;

	private final ShadowTarget target;

	private final ShadowTarget.Settings settings;

	private final MeshLoadBalancer loadBalancer;

	private final HttpClient client;

	private final Function<MeshInstance, MeshServiceInstance> transport;

	private final Share share;

	private final Semaphore inFlight;

	private final LongAdder sent = new LongAdder();

	private final LongAdder answered = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	/**
	 * Create the filter.
	 * @param route the route
	 * @param service the route's service
	 * @param target the shadow subset and the share copied
	 * @param settings how copies are sent
	 * @param loadBalancer the mesh's load balancer, which picks the shadow instance
	 * @param client the HTTP client copies are sent with
	 * @param transport the instance to call for a mesh instance: its scheme and port, as
	 * the routes' own calls use (mutual TLS included)
	 */
	public MirrorGatewayFilter(String route, String service, ShadowTarget target, ShadowTarget.Settings settings,
			MeshLoadBalancer loadBalancer, HttpClient client, Function<MeshInstance, MeshServiceInstance> transport) {
		this.route = route;
		this.service = service;
		this.target = target;
		this.settings = settings;
		this.loadBalancer = loadBalancer;
		this.client = client;
		this.transport = transport;
		this.share = new Share(target.percent());
		this.inFlight = new Semaphore(settings.maxInFlight());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.share.next()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		boolean chunked = headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (!chunked && length <= 0) {
			copy(request, null);
			return chain.filter(exchange);
		}
		if (chunked || length > this.settings.maxBodySize().toBytes()) {
			this.dropped.increment();
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), (int) length).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			copy(request, bytes);
			ServerHttpRequest replayable = new ServerHttpRequestDecorator(request) {

				@Override
				public Flux<DataBuffer> getBody() {
					return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
				}

			};
			return chain.filter(exchange.mutate().request(replayable).build());
		});
	}

	private void copy(ServerHttpRequest request, byte[] body) {
		if (!this.inFlight.tryAcquire()) {
			this.dropped.increment();
			return;
		}
		Pick pick = this.loadBalancer.choose(this.service, this.target.subset(), HashKeyValues.NONE);
		if (pick == null) {
			this.inFlight.release();
			this.dropped.increment();
			return;
		}
		URI instance = this.transport.apply(pick.instance()).getUri();
		String query = request.getURI().getRawQuery();
		String uri = instance + request.getURI().getRawPath() + ((query != null) ? "?" + query : "");
		HttpClient.RequestSender sender = this.client.headers((out) -> {
			request.getHeaders().forEach((name, values) -> {
				if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
					out.add(name, values);
				}
			});
			out.set(HEADER, this.route);
			if (body != null) {
				out.set(HttpHeaders.CONTENT_LENGTH, body.length);
			}
		}).responseTimeout(this.settings.timeout()).request(HttpMethod.valueOf(request.getMethod().name())).uri(uri);
		Mono<Integer> status = ((body != null) ? sender.send(ByteBufFlux.fromInbound(Mono.just(body))) : sender)
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())));
		this.sent.increment();
		status.timeout(this.settings.timeout()).doFinally((signal) -> this.inFlight.release()).subscribe((code) -> {
			pick.completed(code);
			((code < 500) ? this.answered : this.failed).increment();
		}, (ex) -> {
			pick.failed();
			this.failed.increment();
			if (logger.isDebugEnabled()) {
				logger.debug("Mirrored request of route " + this.route + " to " + uri + " failed: " + ex);
			}
		});
	}

	/**
	 * Return what happened to the copies so far.
	 * @return the counts
	 */
	public Stats stats() {
		return new Stats(this.target.name(), this.target.percent(), this.sent.sum(), this.answered.sum(),
				this.failed.sum(), this.dropped.sum());
	}

	@Override
	public String toString() {
		return "[MeshMirror " + this.target.percent() + "% to " + this.target.name() + "]";
	}

	/**
	 * What happened to a route's copies.
	 *
	 * @param subset the shadow subset
	 * @param percent share of requests copied
	 * @param sent copies sent
	 * @param answered copies answered with a status under 500
	 * @param failed copies that failed, timed out or were answered 5xx
	 * @param dropped copies not sent: no shadow instance, too many in flight, or a body
	 * too large or of unknown length
	 */
	public record Stats(String subset, int percent, long sent, long answered, long failed, long dropped) {

	}

}
