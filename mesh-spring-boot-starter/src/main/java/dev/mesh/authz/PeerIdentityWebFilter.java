package dev.mesh.authz;

import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Identifies the caller from its TLS client certificate (kept as an exchange attribute)
 * and removes the identity headers from the request, on reactive servers; the exchange's
 * principal is the caller's {@link MeshPrincipal} unless something else (such as Spring
 * Security) names one.
 */
final class PeerIdentityWebFilter implements WebFilter, Ordered {

	private final MeshAuthorization authorization;

	private final Set<String> stripped;

	PeerIdentityWebFilter(MeshAuthorization authorization, Set<String> stripped) {
		this.authorization = authorization;
		this.stripped = stripped;
	}

	@Override
	public int getOrder() {
		return MeshAuthzAutoConfiguration.PEER_IDENTITY_FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		SslInfo ssl = request.getSslInfo();
		PeerIdentity peer = this.authorization.identify((ssl != null) ? ssl.getPeerCertificates() : null);
		exchange.getAttributes().put(PeerIdentity.ATTRIBUTE, peer);
		ServerWebExchange.Builder mutated = exchange.mutate();
		boolean changed = false;
		if (carriesStripped(request.getHeaders())) {
			mutated.request((builder) -> builder.headers((headers) -> this.stripped.forEach(headers::remove)));
			changed = true;
		}
		if (peer.principal() != null) {
			exchange.getAttributes().put(MeshPrincipal.ATTRIBUTE, peer.principal());
			mutated.principal(Mono.just(peer.principal()));
			changed = true;
		}
		return chain.filter(changed ? mutated.build() : exchange);
	}

	private boolean carriesStripped(HttpHeaders headers) {
		for (String name : this.stripped) {
			if (headers.containsHeader(name)) {
				return true;
			}
		}
		return false;
	}

}
