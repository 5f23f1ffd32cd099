package dev.mesh.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshOutbound;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.Pick;

/**
 * Resolves mesh service hosts on blocking clients ({@code RestClient},
 * {@code RestTemplate}): the policy's routes, the request's cohort and the load balancer
 * pick an instance, and the request goes to its address; the call's outcome feeds back
 * into load balancing and outlier detection. Other hosts pass through untouched.
 */
class MeshClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final MeshHosts hosts;

	private final MeshOutbound outbound;

	private final CallTimer timer = new CallTimer();

	MeshClientHttpRequestInterceptor(MeshHosts hosts, MeshOutbound outbound) {
		this.hosts = hosts;
		this.outbound = outbound;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String service = request.getURI().getHost();
		if (!this.hosts.isMeshService(service)) {
			return execution.execute(request, body);
		}
		MeshSubset requested = (request.getAttributes().get(MeshSubset.ATTRIBUTE) instanceof MeshSubset subset) ? subset
				: null;
		MeshOutbound.Target target = this.outbound.resolve(service,
				new MeshOutbound.Call(request.getMethod(), request.getURI().getPath(), request.getHeaders(), requested,
						MeshCohort.current(), RequestKeys.of(request.getHeaders(), request.getURI(), null)));
		Pick pick = target.pick();
		if (pick == null) {
			throw new NoInstancesAvailableException(service, target.subset());
		}
		HttpRequest resolved = resolve(request, pick, target.cohort());
		Duration timeout = target.decision().timeout();
		CallTimer.Timing timing = (timeout != null) ? this.timer.start(timeout) : null;
		ClientHttpResponse response;
		try {
			response = execution.execute(resolved, body);
		}
		catch (IOException | RuntimeException ex) {
			pick.failed();
			if (timing != null && timing.stop()) {
				throw new MeshTimeoutException(service, timeout);
			}
			throw ex;
		}
		if (timing != null && timing.stop()) {
			pick.failed();
			response.close();
			throw new MeshTimeoutException(service, timeout);
		}
		pick.completed(response.getStatusCode().value());
		return response;
	}

	private static HttpRequest resolve(HttpRequest request, Pick pick, MeshCohort cohort) {
		URI uri = LoadBalancerUriTools.reconstructURI(new MeshServiceInstance(pick.instance()), request.getURI());
		HttpHeaders headers = request.getHeaders();
		if (cohort != null && !cohort.toString().equals(headers.getFirst(MeshCohort.HEADER))) {
			headers = new HttpHeaders();
			headers.putAll(request.getHeaders());
			headers.set(MeshCohort.HEADER, cohort.toString());
		}
		HttpHeaders resolvedHeaders = headers;
		return new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

			@Override
			public HttpHeaders getHeaders() {
				return resolvedHeaders;
			}

		};
	}

}
