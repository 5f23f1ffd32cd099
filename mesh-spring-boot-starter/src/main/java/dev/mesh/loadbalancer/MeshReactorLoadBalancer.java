package dev.mesh.loadbalancer;

import java.util.function.Function;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import reactor.core.publisher.Mono;

import dev.mesh.policy.registry.MeshInstance;

/**
 * The mesh's load balancer behind Spring Cloud LoadBalancer, for {@code lb://} gateway
 * routes and {@code @LoadBalanced} clients: the request's {@link MeshSubset} attribute
 * narrows the instances, and {@link MeshLoadBalancerLifecycle} reports each call's
 * outcome back. The instance handed out carries the scheme and port it is called with.
 */
class MeshReactorLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private final String serviceId;

	private final MeshLoadBalancer loadBalancer;

	private final Function<MeshInstance, ServiceInstance> transport;

	MeshReactorLoadBalancer(String serviceId, MeshLoadBalancer loadBalancer,
			Function<MeshInstance, ServiceInstance> transport) {
		this.serviceId = serviceId;
		this.loadBalancer = loadBalancer;
		this.transport = transport;
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
			return (pick != null) ? new MeshResponse(pick, this.transport.apply(pick.instance())) : new EmptyResponse();
		});
	}

	/**
	 * A pick as Spring Cloud LoadBalancer's response.
	 */
	static final class MeshResponse extends DefaultResponse {

		private final Pick pick;

		MeshResponse(Pick pick, ServiceInstance instance) {
			super(instance);
			this.pick = pick;
		}

		Pick pick() {
			return this.pick;
		}

	}

}
