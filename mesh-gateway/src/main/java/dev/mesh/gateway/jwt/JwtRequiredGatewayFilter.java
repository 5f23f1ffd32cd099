package dev.mesh.gateway.jwt;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers {@code 401} with {@code WWW-Authenticate: Bearer} to a request of a route that
 * requires a JWT ({@code requireJwt}) when it carries no valid one (CORS preflight
 * requests excepted); invalid tokens never get this far. With JWT validation off, every
 * request of such a route is answered {@code 401}: the route fails closed.
 */
public final class JwtRequiredGatewayFilter implements GatewayFilter {

	private final GatewayJwt jwt;

	/**
	 * Create the filter.
	 * @param jwt the gateway's JWT validation, which counts the requests turned away
	 */
	public JwtRequiredGatewayFilter(GatewayJwt jwt) {
		this.jwt = jwt;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.jwt.require(exchange, chain::filter);
	}

	@Override
	public String toString() {
		return "[RequireJwt]";
	}

}
