package dev.mesh.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import reactor.core.publisher.Mono;

import dev.mesh.discovery.MeshServiceInstance;

/**
 * The mesh's load balancer behind Spring Cloud LoadBalancer, for {@code lb://} gateway
 * routes and {@code @LoadBalanced} clients: the request's {@link MeshSubset} attribute
 * narrows the instances, and {@link MeshLoadBalancerLifecycle} reports each call's
 * outcome back.
 */
class MeshReactorLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private final String serviceId;

	private final MeshLoadBalancer loadBalancer;

	MeshReactorLoadBalancer(String serviceId, MeshLoadBalancer loadBalancer) {
		this.serviceId = serviceId;
		this.loadBalancer = loadBalancer;
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		return Mono.fromSupplier(() -> {
			RequestData data = (request != null && request.getContext() instanceof RequestDataContext context)
					? context.getClientRequest() : null;
			Pick pick = this.loadBalancer.choose(this.serviceId, MeshServiceInstanceListSupplier.subset(request),
					(data != null) ? HashKeyValues.of(data.getHeaders(), data.getUrl(), data.getCookies())
							: HashKeyValues.NONE);
			return (pick != null) ? new MeshResponse(pick) : new EmptyResponse();
		});
	}

	/**
	 * A pick as Spring Cloud LoadBalancer's response.
	 */
	static final class MeshResponse extends DefaultResponse {

		private final Pick pick;

		MeshResponse(Pick pick) {
			super(new MeshServiceInstance(pick.instance()));
			this.pick = pick;
		}

		Pick pick() {
			return this.pick;
		}

	}

}
