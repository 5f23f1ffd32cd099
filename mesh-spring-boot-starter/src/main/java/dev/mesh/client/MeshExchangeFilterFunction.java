package dev.mesh.client;

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

import dev.mesh.loadbalancer.MeshSubset;

/**
 * Resolves mesh service hosts on {@code WebClient}: the load balancer picks an instance
 * and the request goes to its address. Other hosts pass through untouched.
 */
class MeshExchangeFilterFunction implements ExchangeFilterFunction {

	private final MeshHosts hosts;

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	MeshExchangeFilterFunction(MeshHosts hosts, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		this.hosts = hosts;
		this.loadBalancers = loadBalancers;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String service = request.url().getHost();
		if (!this.hosts.isMeshService(service)) {
			return next.exchange(request);
		}
		DefaultRequest<RequestDataContext> lbRequest = new DefaultRequest<>(
				new RequestDataContext(new RequestData(request)));
		return Mono.from(this.loadBalancers.getInstance(service).choose(lbRequest)).flatMap((chosen) -> {
			if (!chosen.hasServer()) {
				return Mono.error(new NoInstancesAvailableException(service,
						request.attribute(MeshSubset.ATTRIBUTE).orElse(null)));
			}
			ClientRequest resolved = ClientRequest.from(request)
				.url(LoadBalancerUriTools.reconstructURI(chosen.getServer(), request.url()))
				.build();
			return next.exchange(resolved);
		})
			.switchIfEmpty(Mono.error(() -> new NoInstancesAvailableException(service,
					request.attribute(MeshSubset.ATTRIBUTE).orElse(null))));
	}

}
