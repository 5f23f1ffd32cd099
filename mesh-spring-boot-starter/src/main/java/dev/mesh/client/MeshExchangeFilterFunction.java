package dev.mesh.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

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

/**
 * Resolves mesh service hosts on {@code WebClient} through the resilience chain, like
 * {@link MeshClientHttpRequestInterceptor}: route, deadline (the route's timeout bounded
 * by the inbound request's deadline from the Reactor context), injected faults, then
 * attempts through the circuit breaker and bulkhead to load-balanced instances within the
 * per-try timeout, retried as the policy and budget allow. Time limits cancel the
 * exchange. Only requests without a body are retried: a body publisher cannot in general
 * be replayed. Cancelling the call releases the attempt's breaker permission and bulkhead
 * slot. Other hosts pass through untouched.
 */
class MeshExchangeFilterFunction implements ExchangeFilterFunction {

	private final MeshHosts hosts;

	private final MeshOutbound outbound;

	private final MeshResilience resilience;

	private final String caller;

	private final OutboundTls tls;

	MeshExchangeFilterFunction(MeshHosts hosts, MeshOutbound outbound, MeshResilience resilience, String caller,
			OutboundTls tls) {
		this.hosts = hosts;
		this.outbound = outbound;
		this.resilience = resilience;
		this.caller = caller;
		this.tls = tls;
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
		MeshOutbound.Call call = new MeshOutbound.Call(request.method(), request.url().getPath(), request.headers(),
				requested, inbound, HashKeyValues.of(request.headers(), request.url(), request.cookies()));
		RoutingTable.Decision decision = this.outbound.route(service, call);
		ResilientCall resilient = this.resilience.start(service, decision.spec(), decision.timeout(), request.method(),
				request.headers(), request.body() == BodyInserters.empty(),
				context.getOrDefault(MeshDeadline.CONTEXT_KEY, MeshDeadline.current()));
		Attempts attempts = new Attempts(request, next, call, decision, resilient);
		ResilientCall.InjectedFault fault = resilient.fault();
		Mono<ClientResponse> response = (fault.abortStatus() != 0)
				? Mono.fromSupplier(() -> ClientResponse.create(HttpStatusCode.valueOf(fault.abortStatus()))
					.header(InjectedResponse.HEADER, "abort")
					.build())
				: Mono.defer(() -> attempts.send(resilient.firstAttempt()));
		if (fault.delay() != null) {
			response = Mono.delay(fault.delay()).then(response);
		}
		Duration timeout = resilient.timeout();
		if (timeout != null) {
			response = response.timeout(timeout, Mono.error(() -> {
				resilient.deadlineExceeded();
				return new MeshTimeoutException(service, timeout);
			}));
		}
		return response;
	}

	/**
	 * The attempts of one call.
	 */
	private final class Attempts {

		private final ClientRequest request;

		private final ExchangeFunction next;

		private final MeshOutbound.Call call;

		private final RoutingTable.Decision decision;

		private final ResilientCall resilient;

		Attempts(ClientRequest request, ExchangeFunction next, MeshOutbound.Call call, RoutingTable.Decision decision,
				ResilientCall resilient) {
			this.request = request;
			this.next = next;
			this.call = call;
			this.decision = decision;
			this.resilient = resilient;
		}

		Mono<ClientResponse> send(CallAttempt attempt) {
			String service = this.resilient.service();
			MeshOutbound.Target target = MeshExchangeFilterFunction.this.outbound.pick(service, this.call,
					this.decision, this.resilient.tried());
			Pick pick = target.pick();
			if (pick == null) {
				attempt.cancelled();
				return Mono.error(new NoInstancesAvailableException(service, target.subset()));
			}
			Duration limit = attempt.send(pick.instance().instanceId());
			Mono<ClientResponse> response = this.next.exchange(resolve(pick, target.cohort(), attempt));
			Duration left = this.resilient.remaining();
			if (limit != null && (left == null || limit.compareTo(left) < 0)) {
				// A per-try timeout shorter than the time left; the deadline itself cuts
				// the
				// whole call off from outside.
				response = response.timeout(limit);
			}
			return response.doOnCancel(() -> {
				pick.cancelled();
				attempt.cancelled();
			}).onErrorResume((ex) -> failed(ex, pick, attempt, limit)).flatMap((received) -> {
				int status = received.statusCode().value();
				pick.completed(status);
				attempt.completed(status);
				Duration delay = this.resilient.retryDelay(status,
						received.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
				CallAttempt retry = (delay != null) ? this.resilient.retry() : null;
				if (retry == null) {
					return Mono.just(received);
				}
				return received.releaseBody().then(retryAfter(retry, delay));
			});
		}

		private Mono<ClientResponse> failed(Throwable ex, Pick pick, CallAttempt attempt, Duration limit) {
			CallFailure failure = (ex instanceof TimeoutException) ? CallFailure.TIMEOUT : CallFailure.of(ex);
			pick.failed();
			attempt.failed(failure);
			Duration delay = this.resilient.retryDelay(failure);
			CallAttempt retry = (delay != null) ? this.resilient.retry() : null;
			if (retry == null) {
				return Mono.error((failure == CallFailure.TIMEOUT)
						? new MeshTimeoutException(this.resilient.service(), limit) : ex);
			}
			return retryAfter(retry, delay);
		}

		private Mono<ClientResponse> retryAfter(CallAttempt retry, Duration delay) {
			return Mono.delay(delay).doOnCancel(retry::cancelled).then(Mono.defer(() -> send(retry)));
		}

		private ClientRequest resolve(Pick pick, MeshCohort cohort, CallAttempt attempt) {
			ClientRequest.Builder resolved = ClientRequest.from(this.request)
				.url(MeshInstanceUris.resolve(MeshExchangeFilterFunction.this.tls, pick.instance(),
						this.request.url()));
			String deadline = attempt.deadlineHeader();
			resolved.headers((headers) -> {
				if (cohort != null) {
					headers.set(MeshCohort.HEADER, cohort.toString());
				}
				if (deadline != null) {
					headers.set(MeshDeadline.HEADER, deadline);
				}
				if (MeshExchangeFilterFunction.this.caller != null
						&& !headers.containsHeader(HeaderCallerIdentityResolver.HEADER)) {
					headers.set(HeaderCallerIdentityResolver.HEADER, MeshExchangeFilterFunction.this.caller);
				}
			});
			return resolved.build();
		}

	}

}
