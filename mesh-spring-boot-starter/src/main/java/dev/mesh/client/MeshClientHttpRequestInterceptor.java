package dev.mesh.client;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

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

import dev.mesh.loadbalancer.MeshRouting;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.RoutingTable;

/**
 * Resolves mesh service hosts on blocking clients ({@code RestClient},
 * {@code RestTemplate}): the load balancer picks an instance and the request goes to its
 * address. Other hosts pass through untouched.
 */
class MeshClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private static final RoutingTable.Decision NO_DECISION = new RoutingTable.Decision(null, null, null);

	private final MeshHosts hosts;

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	private final MeshRouting routing;

	private final CallTimer timer = new CallTimer();

	MeshClientHttpRequestInterceptor(MeshHosts hosts, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers,
			MeshRouting routing) {
		this.hosts = hosts;
		this.loadBalancers = loadBalancers;
		this.routing = routing;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String service = request.getURI().getHost();
		if (!this.hosts.isMeshService(service)) {
			return execution.execute(request, body);
		}
		RoutingTable.Decision decision = (this.routing != null)
				? this.routing.route(service, request.getMethod(), request.getURI().getPath(), request.getHeaders())
				: NO_DECISION;
		Map<String, Object> attributes = new HashMap<>(request.getAttributes());
		if (decision.subset() != null) {
			attributes.putIfAbsent(MeshSubset.ATTRIBUTE, decision.subset());
		}
		// RequestData(HttpRequest) drops the request attributes, which carry the subset.
		RequestData data = new RequestData(request);
		DefaultRequest<RequestDataContext> lbRequest = new DefaultRequest<>(new RequestDataContext(new RequestData(
				data.getHttpMethod(), data.getUrl(), data.getHeaders(), data.getCookies(), attributes)));
		Response<ServiceInstance> chosen = Mono.from(this.loadBalancers.getInstance(service).choose(lbRequest)).block();
		if (chosen == null || !chosen.hasServer()) {
			throw new NoInstancesAvailableException(service, attributes.get(MeshSubset.ATTRIBUTE));
		}
		URI uri = LoadBalancerUriTools.reconstructURI(chosen.getServer(), request.getURI());
		HttpRequest resolved = new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

		};
		if (decision.timeout() == null) {
			return execution.execute(resolved, body);
		}
		CallTimer.Timing timing = this.timer.start(decision.timeout());
		try {
			ClientHttpResponse response = execution.execute(resolved, body);
			if (timing.stop()) {
				response.close();
				throw new MeshTimeoutException(service, decision.timeout());
			}
			return response;
		}
		catch (IOException | RuntimeException ex) {
			if (timing.stop()) {
				throw new MeshTimeoutException(service, decision.timeout());
			}
			throw ex;
		}
	}

}
