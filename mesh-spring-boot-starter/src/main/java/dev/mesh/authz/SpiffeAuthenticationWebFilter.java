package dev.mesh.authz;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates a mesh caller in a Spring Security reactive filter chain: when no earlier
 * filter authenticated the exchange, the caller's {@link SpiffeAuthentication} becomes
 * its authentication, in the Reactor context only.
 */
final class SpiffeAuthenticationWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		PeerIdentity peer = exchange.getAttribute(PeerIdentity.ATTRIBUTE);
		if (peer == null || peer.principal() == null) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.filter((context) -> context.getAuthentication() != null)
			.hasElement()
			.flatMap((authenticated) -> authenticated ? chain.filter(exchange)
					: chain.filter(exchange)
						.contextWrite(ReactiveSecurityContextHolder
							.withAuthentication(new SpiffeAuthentication(peer.principal(), peer.certificate()))));
	}

}
