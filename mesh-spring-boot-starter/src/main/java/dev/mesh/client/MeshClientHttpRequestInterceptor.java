package dev.mesh.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

import dev.mesh.loadbalancer.HashKeyValues;
import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshOutbound;
import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.loadbalancer.Pick;
import dev.mesh.loadbalancer.RoutingTable;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.resilience.CallAttempt;
import dev.mesh.resilience.CallFailure;
import dev.mesh.resilience.HeaderCallerIdentityResolver;
import dev.mesh.resilience.MeshDeadline;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.ResilientCall;
import dev.mesh.resilience.ThreadAlarms;

/**
 * Resolves mesh service hosts on blocking clients ({@code RestClient},
 * {@code RestTemplate}) through the resilience chain: the policy's route, the deadline
 * (the route's timeout bounded by the inbound request's), injected faults, then attempts
 * (each through the circuit breaker and bulkhead, to an instance the load balancer picks,
 * avoiding ones already tried, within the per-try timeout) retried as the policy and the
 * retry budget allow. Bodies are always buffered here, so every request can be sent
 * again. A time limit interrupts the calling thread, so the exchange is cancelled rather
 * than left running. Other hosts pass through untouched.
 */
class MeshClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final MeshHosts hosts;

	private final MeshOutbound outbound;

	private final MeshResilience resilience;

	private final String caller;

	private final OutboundTls tls;

	MeshClientHttpRequestInterceptor(MeshHosts hosts, MeshOutbound outbound, MeshResilience resilience, String caller,
			OutboundTls tls) {
		this.hosts = hosts;
		this.outbound = outbound;
		this.resilience = resilience;
		this.caller = caller;
		this.tls = tls;
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
		MeshOutbound.Call call = new MeshOutbound.Call(request.getMethod(), request.getURI().getPath(),
				request.getHeaders(), requested, MeshCohort.current(),
				HashKeyValues.of(request.getHeaders(), request.getURI(), null));
		RoutingTable.Decision decision = this.outbound.route(service, call);
		ResilientCall resilient = this.resilience.start(service, decision.spec(), decision.timeout(),
				request.getMethod(), request.getHeaders(), true, MeshDeadline.current());
		ResilientCall.InjectedFault fault = resilient.fault();
		if (fault.delay() != null) {
			Duration left = resilient.remaining();
			pause(resilient, (left != null && left.compareTo(fault.delay()) < 0) ? left : fault.delay());
			if (resilient.expired()) {
				throw timedOut(resilient);
			}
		}
		if (fault.abortStatus() != 0) {
			return new InjectedResponse(fault.abortStatus());
		}
		CallAttempt attempt = resilient.firstAttempt();
		while (true) {
			MeshOutbound.Target target = this.outbound.pick(service, call, decision, resilient.tried());
			Pick pick = target.pick();
			if (pick == null) {
				attempt.cancelled();
				throw new NoInstancesAvailableException(service, target.subset());
			}
			Duration limit = attempt.send(pick.instance().instanceId());
			if (limit != null && (limit.isNegative() || limit.isZero())) {
				pick.cancelled();
				attempt.cancelled();
				throw timedOut(resilient);
			}
			HttpRequest resolved = resolve(request, pick, target.cohort(), attempt.deadlineHeader());
			ThreadAlarms.Alarm alarm = (limit != null) ? ThreadAlarms.start(limit) : null;
			ClientHttpResponse response;
			try {
				response = execution.execute(resolved, body);
			}
			catch (IOException | RuntimeException ex) {
				boolean fired = alarm != null && alarm.stop();
				CallFailure failure = fired ? CallFailure.TIMEOUT : CallFailure.of(ex);
				if (failure == CallFailure.CANCELLED) {
					pick.cancelled();
				}
				else {
					pick.failed();
				}
				attempt.failed(failure);
				if (resilient.expired()) {
					throw timedOut(resilient);
				}
				attempt = (failure != CallFailure.CANCELLED) ? next(resilient, resilient.retryDelay(failure)) : null;
				if (attempt == null && fired) {
					throw new MeshTimeoutException(service, limit);
				}
				if (attempt == null) {
					throw ex;
				}
				continue;
			}
			if (alarm != null && alarm.stop()) {
				response.close();
				pick.failed();
				attempt.failed(CallFailure.TIMEOUT);
				attempt = resilient.expired() ? null : next(resilient, resilient.retryDelay(CallFailure.TIMEOUT));
				if (attempt == null) {
					throw resilient.expired() ? timedOut(resilient) : new MeshTimeoutException(service, limit);
				}
				continue;
			}
			int status = response.getStatusCode().value();
			pick.completed(status);
			attempt.completed(status);
			Duration delay = resilient.retryDelay(status, response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
			CallAttempt retry = (delay != null) ? resilient.retry() : null;
			if (retry == null) {
				return response;
			}
			response.close();
			attempt = retry;
			pause(resilient, attempt, delay);
		}
	}

	private static CallAttempt next(ResilientCall resilient, Duration delay) throws IOException {
		CallAttempt retry = (delay != null) ? resilient.retry() : null;
		if (retry != null) {
			pause(resilient, retry, delay);
		}
		return retry;
	}

	private static void pause(ResilientCall resilient, CallAttempt attempt, Duration delay) throws IOException {
		try {
			pause(resilient, delay);
		}
		catch (IOException | RuntimeException ex) {
			attempt.cancelled();
			throw ex;
		}
	}

	private static void pause(ResilientCall resilient, Duration delay) throws IOException {
		try {
			ThreadAlarms.pause(delay);
		}
		catch (InterruptedException ex) {
			if (resilient.expired()) {
				throw timedOut(resilient);
			}
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting to call service " + resilient.service());
		}
	}

	private static MeshTimeoutException timedOut(ResilientCall resilient) {
		resilient.deadlineExceeded();
		return new MeshTimeoutException(resilient.service(), resilient.timeout());
	}

	private HttpRequest resolve(HttpRequest request, Pick pick, MeshCohort cohort, String deadline) {
		URI uri = MeshInstanceUris.resolve(this.tls, pick.instance(), request.getURI());
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		if (cohort != null) {
			headers.set(MeshCohort.HEADER, cohort.toString());
		}
		if (deadline != null) {
			headers.set(MeshDeadline.HEADER, deadline);
		}
		if (this.caller != null && !headers.containsHeader(HeaderCallerIdentityResolver.HEADER)) {
			headers.set(HeaderCallerIdentityResolver.HEADER, this.caller);
		}
		return new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

}
