package dev.mesh.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;

/**
 * Reports the outcome of calls balanced through Spring Cloud LoadBalancer (gateway
 * routes, {@code @LoadBalanced} clients) back to the mesh's load balancer, as the mesh's
 * own clients do.
 */
class MeshLoadBalancerLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	@Override
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		if (!(completion.getLoadBalancerResponse() instanceof MeshReactorLoadBalancer.MeshResponse response)) {
			return;
		}
		Pick pick = response.pick();
		switch (completion.status()) {
			case SUCCESS -> {
				if (completion.getClientResponse() instanceof ResponseData data && data.getHttpStatus() != null) {
					pick.completed(data.getHttpStatus().value());
				}
				else {
					pick.cancelled();
				}
			}
			case FAILED -> pick.failed();
			default -> pick.cancelled();
		}
	}

}
