package dev.mesh.discovery;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts the requests a reactive application is serving.
 */
final class InboundRequestsWebFilter implements WebFilter, Ordered {

	private final InboundRequests requests;

	InboundRequestsWebFilter(InboundRequests requests) {
		this.requests = requests;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.defer(() -> {
			this.requests.started();
			return chain.filter(exchange).doFinally((signal) -> this.requests.finished());
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
