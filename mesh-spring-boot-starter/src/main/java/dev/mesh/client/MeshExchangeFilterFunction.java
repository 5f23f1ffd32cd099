package dev.mesh.client;

import java.time.Duration;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshRouting;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.RoutingTable;

/**
 * Resolves mesh service hosts on {@code WebClient}: the policy's routes pick a subset and
 * a timeout, the load balancer picks an instance and the request goes to its address; a
 * call that outlives its timeout is cancelled. Other hosts pass through untouched.
 */
class MeshExchangeFilterFunction implements ExchangeFilterFunction {

	private final MeshHosts hosts;

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	private final MeshRouting routing;

	MeshExchangeFilterFunction(MeshHosts hosts, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers,
			MeshRouting routing) {
		this.hosts = hosts;
		this.loadBalancers = loadBalancers;
		this.routing = routing;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String service = request.url().getHost();
		if (!this.hosts.isMeshService(service)) {
			return next.exchange(request);
		}
		RoutingTable.Decision decision = (this.routing != null)
				? this.routing.route(service, request.method(), request.url().getPath(), request.headers()) : null;
		ClientRequest routed = request;
		if (decision != null && decision.subset() != null && request.attribute(MeshSubset.ATTRIBUTE).isEmpty()) {
			routed = ClientRequest.from(request).attribute(MeshSubset.ATTRIBUTE, decision.subset()).build();
		}
		ClientRequest original = routed;
		DefaultRequest<RequestDataContext> lbRequest = new DefaultRequest<>(
				new RequestDataContext(new RequestData(original)));
		Duration timeout = (decision != null) ? decision.timeout() : null;
		return Mono.from(this.loadBalancers.getInstance(service).choose(lbRequest)).flatMap((chosen) -> {
			if (!chosen.hasServer()) {
				return Mono.error(noInstances(service, original));
			}
			ClientRequest resolved = ClientRequest.from(original)
				.url(LoadBalancerUriTools.reconstructURI(chosen.getServer(), original.url()))
				.build();
			Mono<ClientResponse> response = next.exchange(resolved);
			return (timeout != null)
					? response.timeout(timeout, Mono.error(() -> new MeshTimeoutException(service, timeout)))
					: response;
		}).switchIfEmpty(Mono.error(() -> noInstances(service, original)));
	}

	private static NoInstancesAvailableException noInstances(String service, ClientRequest request) {
		return new NoInstancesAvailableException(service, request.attribute(MeshSubset.ATTRIBUTE).orElse(null));
	}

}
