package dev.mesh.client;

import java.io.IOException;
import java.net.URI;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshSubset;

/**
 * Resolves mesh service hosts on blocking clients ({@code RestClient},
 * {@code RestTemplate}): the load balancer picks an instance and the request goes to its
 * address. Other hosts pass through untouched.
 */
class MeshClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final MeshHosts hosts;

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	MeshClientHttpRequestInterceptor(MeshHosts hosts, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		this.hosts = hosts;
		this.loadBalancers = loadBalancers;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String service = request.getURI().getHost();
		if (!this.hosts.isMeshService(service)) {
			return execution.execute(request, body);
		}
		// RequestData(HttpRequest) drops the request attributes, which carry the subset.
		RequestData data = new RequestData(request);
		DefaultRequest<RequestDataContext> lbRequest = new DefaultRequest<>(new RequestDataContext(new RequestData(
				data.getHttpMethod(), data.getUrl(), data.getHeaders(), data.getCookies(), request.getAttributes())));
		Response<ServiceInstance> chosen = Mono.from(this.loadBalancers.getInstance(service).choose(lbRequest)).block();
		if (chosen == null || !chosen.hasServer()) {
			throw new NoInstancesAvailableException(service, request.getAttributes().get(MeshSubset.ATTRIBUTE));
		}
		URI uri = LoadBalancerUriTools.reconstructURI(chosen.getServer(), request.getURI());
		return execution.execute(new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

		}, body);
	}

}
