package dev.mesh.gateway.edge;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes the headers that carry mesh identity and call context (client certificate,
 * SPIFFE ID, mesh caller, deadline, canary cohort) from every request reaching the
 * gateway from outside, before anything reads them: a client cannot claim to be a mesh
 * workload, shorten a backend's deadline or pick its own cohort. The gateway sets the
 * mesh headers itself where it decides them.
 */
public final class IdentityHeadersWebFilter implements WebFilter, Ordered {

	/**
	 * Order of the filter: before every other web filter, the mesh's own included.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final List<String> headers;

	/**
	 * Create the filter.
	 * @param headers names of the headers removed
	 */
	public IdentityHeadersWebFilter(List<String> headers) {
		this.headers = List.copyOf(headers);
	}

	List<String> headers() {
		return this.headers;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean present = false;
		for (String header : this.headers) {
			if (exchange.getRequest().getHeaders().containsHeader(header)) {
				present = true;
				break;
			}
		}
		if (!present) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> this.headers.forEach(headers::remove)))
			.build());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
