package dev.mesh.loadbalancer;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the canary cohort of an inbound request in the Reactor context, where the mesh's
 * {@code WebClient} filter finds it for the outbound calls made while serving it.
 */
class CohortWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		MeshCohort cohort = MeshCohort.parse(exchange.getRequest().getHeaders().getFirst(MeshCohort.HEADER));
		if (cohort == null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).contextWrite((context) -> context.put(MeshCohort.CONTEXT_KEY, cohort));
	}

}
