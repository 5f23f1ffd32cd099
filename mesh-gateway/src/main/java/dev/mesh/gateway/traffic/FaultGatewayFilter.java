package dev.mesh.gateway.traffic;

import java.time.Duration;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Injects faults into an exact share of a route's requests, for chaos testing: a delay
 * before the request is sent, or an answer with an error status without sending it
 * (marked {@code x-mesh-fault: abort}, as the mesh's clients mark theirs).
 */
public final class FaultGatewayFilter implements GatewayFilter {

	/**
	 * Response header marking an injected answer.
	 */
	public static final String HEADER = "x-mesh-fault";

	private final Duration delay;

	private final Share delayed;

	private final int abortStatus;

	private final Share aborted;

	/**
	 * Create the filter.
	 * @param delayPercent share of requests delayed, in percent
	 * @param delay how long they wait, {@code null} for no delays
	 * @param abortPercent share of requests aborted, in percent
	 * @param abortStatus the status they get, 0 for no aborts
	 */
	public FaultGatewayFilter(double delayPercent, Duration delay, double abortPercent, int abortStatus) {
		Assert.isTrue(abortStatus == 0 || (abortStatus >= 400 && abortStatus <= 599),
				"'abortStatus' must be 0 or between 400 and 599");
		this.delay = delay;
		this.delayed = new Share((delay != null) ? delayPercent : 0);
		this.abortStatus = abortStatus;
		this.aborted = new Share((abortStatus != 0) ? abortPercent : 0);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Injection injection = next();
		if (injection == Injection.ABORT) {
			exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(this.abortStatus));
			exchange.getResponse().getHeaders().set(HEADER, "abort");
			return exchange.getResponse().setComplete();
		}
		if (injection == Injection.DELAY) {
			return Mono.delay(this.delay).then(Mono.defer(() -> chain.filter(exchange)));
		}
		return chain.filter(exchange);
	}

	/**
	 * Decide the fault of the next request of the route, counting it in the shares.
	 * @return what to inject
	 */
	public Injection next() {
		if (this.aborted.next()) {
			return Injection.ABORT;
		}
		return this.delayed.next() ? Injection.DELAY : Injection.NONE;
	}

	/**
	 * Return the delay of delayed requests.
	 * @return the delay, {@code null} for none
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Return the status of aborted requests.
	 * @return the status, 0 for none
	 */
	public int abortStatus() {
		return this.abortStatus;
	}

	@Override
	public String toString() {
		return "[MeshFault delay=" + this.delay + ", abort=" + this.abortStatus + "]";
	}

	/**
	 * The fault injected into one request.
	 */
	public enum Injection {

		/**
		 * None: the request is sent as it is.
		 */
		NONE,

		/**
		 * The request waits for the delay, then is sent.
		 */
		DELAY,

		/**
		 * The request is answered with the abort status, never sent.
		 */
		ABORT

	}

}
