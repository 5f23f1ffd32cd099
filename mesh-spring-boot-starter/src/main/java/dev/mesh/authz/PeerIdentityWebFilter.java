package dev.mesh.authz;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.core.Ordered;
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
		PeerIdentity peer = identify((ssl != null) ? ssl.getPeerCertificates() : null, exchange.getAttributes());
		ServerWebExchange.Builder mutated = exchange.mutate();
		boolean changed = false;
		if (carriesStripped(request.getHeaders()::containsHeader)) {
			mutated.request((builder) -> builder.headers((headers) -> this.stripped.forEach(headers::remove)));
			changed = true;
		}
		if (peer.principal() != null) {
			mutated.principal(Mono.just(peer.principal()));
			changed = true;
		}
		return chain.filter(changed ? mutated.build() : exchange);
	}

	/**
	 * Identify the caller of a request and keep its identity, and its principal when it
	 * has one, in the request's attributes.
	 * @param chain the caller's certificate chain, {@code null} without one
	 * @param attributes the attributes of the request
	 * @return the caller's identity
	 */
	PeerIdentity identify(X509Certificate[] chain, Map<String, Object> attributes) {
		PeerIdentity peer = this.authorization.identify(chain);
		attributes.put(PeerIdentity.ATTRIBUTE, peer);
		if (peer.principal() != null) {
			attributes.put(MeshPrincipal.ATTRIBUTE, peer.principal());
		}
		return peer;
	}

	/**
	 * Whether a request carries any of the headers this filter removes.
	 * @param present whether the request carries a header, by name
	 * @return whether one of the removed headers is present
	 */
	boolean carriesStripped(Predicate<String> present) {
		for (String name : this.stripped) {
			if (present.test(name)) {
				return true;
			}
		}
		return false;
	}

}
