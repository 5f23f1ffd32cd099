package dev.mesh.resilience;

import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reads the deadline of an inbound request ({@value MeshDeadline#HEADER}) into the
 * Reactor context, where the mesh's {@code WebClient} filter finds it, and cancels the
 * handling when the deadline passes, answering 504 unless the response is already
 * committed.
 */
class DeadlineWebFilter implements WebFilter, Ordered {

	private final Duration max;

	private final ResilienceListener listener;

	DeadlineWebFilter(Duration max, ResilienceListener listener) {
		this.max = max;
		this.listener = listener;
	}

	@Override
	public int getOrder() {
		return MeshResilienceAutoConfiguration.DEADLINE_FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		MeshDeadline deadline = MeshDeadline.parse(exchange.getRequest().getHeaders().getFirst(MeshDeadline.HEADER),
				this.max);
		if (deadline == null) {
			return chain.filter(exchange);
		}
		if (deadline.expired()) {
			return exceeded(exchange);
		}
		return chain.filter(exchange)
			.contextWrite((context) -> context.put(MeshDeadline.CONTEXT_KEY, deadline))
			.timeout(Duration.ofNanos(deadline.remainingNanos()), Mono.defer(() -> exceeded(exchange)));
	}

	private Mono<Void> exceeded(ServerWebExchange exchange) {
		this.listener.inboundDeadlineExceeded();
		return RateLimitWebFilter.write(exchange.getResponse(), HttpStatus.GATEWAY_TIMEOUT, Problems.DEADLINE_EXCEEDED);
	}

}
