package dev.mesh.client;

import java.time.Duration;

import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshOutbound;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.Pick;

/**
 * Resolves mesh service hosts on {@code WebClient}: the policy's routes pick a subset and
 * a timeout, the request's cohort and the load balancer pick an instance, and the request
 * goes to its address; a call that outlives its timeout is cancelled. The call's outcome
 * feeds back into load balancing and outlier detection. Other hosts pass through
 * untouched.
 */
class MeshExchangeFilterFunction implements ExchangeFilterFunction {

	private final MeshHosts hosts;

	private final MeshOutbound outbound;

	MeshExchangeFilterFunction(MeshHosts hosts, MeshOutbound outbound) {
		this.hosts = hosts;
		this.outbound = outbound;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String service = request.url().getHost();
		if (!this.hosts.isMeshService(service)) {
			return next.exchange(request);
		}
		return Mono.deferContextual((context) -> exchange(service, request, next, context));
	}

	private Mono<ClientResponse> exchange(String service, ClientRequest request, ExchangeFunction next,
			ContextView context) {
		MeshSubset requested = (request.attribute(MeshSubset.ATTRIBUTE).orElse(null) instanceof MeshSubset subset)
				? subset : null;
		MeshCohort inbound = context.getOrDefault(MeshCohort.CONTEXT_KEY, MeshCohort.current());
		MeshOutbound.Target target = this.outbound.resolve(service,
				new MeshOutbound.Call(request.method(), request.url().getPath(), request.headers(), requested, inbound,
						RequestKeys.of(request.headers(), request.url(), request.cookies())));
		Pick pick = target.pick();
		if (pick == null) {
			return Mono.error(new NoInstancesAvailableException(service, target.subset()));
		}
		ClientRequest.Builder resolved = ClientRequest.from(request)
			.url(LoadBalancerUriTools.reconstructURI(new MeshServiceInstance(pick.instance()), request.url()));
		if (target.cohort() != null) {
			resolved.headers((headers) -> headers.set(MeshCohort.HEADER, target.cohort().toString()));
		}
		Mono<ClientResponse> response = next.exchange(resolved.build());
		Duration timeout = target.decision().timeout();
		if (timeout != null) {
			response = response.timeout(timeout, Mono.error(() -> new MeshTimeoutException(service, timeout)));
		}
		return response.doOnNext((received) -> pick.completed(received.statusCode().value()))
			.doOnError((ex) -> pick.failed())
			.doOnCancel(pick::cancelled);
	}

}
