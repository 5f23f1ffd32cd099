package dev.mesh.sample.storefront;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshWorkload;

/**
 * Gives every response that does not name its chain this workload's label in the
 * {@value MeshChain#HEADER} header: such a response originated here.
 */
@Component
class MeshChainWebFilter implements WebFilter {

	private final String label;

	MeshChainWebFilter(MeshWorkload workload) {
		this.label = workload.label();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			if (!headers.containsHeader(MeshChain.HEADER)) {
				headers.set(MeshChain.HEADER, this.label);
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
