package dev.mesh.gateway.jwt;

import java.net.InetSocketAddress;

import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Validates the bearer token of each request on the public port with Spring Security's
 * reactive resource server ({@link AuthenticationWebFilter} with a
 * {@link JwtReactiveAuthenticationManager}), as Istio's {@code RequestAuthentication}
 * does: a request without a token passes on (unless every request needs one), a request
 * with an invalid token (bad signature, expired, another issuer or audience, malformed)
 * is answered {@code 401} with {@code WWW-Authenticate: Bearer error="invalid_token"} and
 * never routed. A valid token leaves its {@link JwtClaims} on the exchange and its
 * authentication in the Reactor context. Requests on the management port are not touched.
 */
final class JwtWebFilter implements WebFilter, Ordered {

	/**
	 * Order of the filter: where Spring Security's filter chain would run, after the
	 * identity headers are stripped and before access policies.
	 */
	static final int ORDER = -100;

	private final GatewayJwt jwt;

	private final AuthenticationWebFilter authentication;

	private final BearerTokenServerAuthenticationEntryPoint entryPoint = new BearerTokenServerAuthenticationEntryPoint();

	private volatile int managementPort = -1;

	/**
	 * Create the filter.
	 * @param jwt the gateway's JWT settings and counters
	 * @param decoder the decoder checking tokens, {@code null} when validation is off
	 */
	JwtWebFilter(GatewayJwt jwt, ReactiveJwtDecoder decoder) {
		this.jwt = jwt;
		if (decoder != null) {
			AuthenticationWebFilter filter = new AuthenticationWebFilter(new JwtReactiveAuthenticationManager(decoder));
			filter.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
			filter.setAuthenticationSuccessHandler(this::authenticated);
			filter.setAuthenticationFailureHandler(this::rejected);
			this.authentication = filter;
		}
		else {
			this.authentication = null;
		}
	}

	void managementPort(int port) {
		this.managementPort = port;
	}

	/**
	 * Return whether the filter validates tokens.
	 * @return whether a decoder is configured
	 */
	boolean validates() {
		return this.authentication != null;
	}

	/**
	 * Return whether every request on the public port needs a valid token, now.
	 * @return whether a token is required
	 */
	boolean requiresToken() {
		return this.jwt.required();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		if (local != null && local.getPort() == this.managementPort) {
			return chain.filter(exchange);
		}
		WebFilterChain checked = (next) -> this.jwt.required() ? this.jwt.require(next, chain::filter)
				: chain.filter(next);
		return (this.authentication != null) ? this.authentication.filter(exchange, checked) : checked.filter(exchange);
	}

	private Mono<Void> authenticated(WebFilterExchange exchange, Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			exchange.getExchange()
				.getAttributes()
				.put(JwtClaims.ATTRIBUTE, new JwtClaims(token.getToken().getClaims()));
			this.jwt.record(GatewayJwt.Result.VALID);
		}
		return exchange.getChain()
			.filter(exchange.getExchange())
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
	}

	private Mono<Void> rejected(WebFilterExchange exchange, AuthenticationException ex) {
		if (ex instanceof AuthenticationServiceException) {
			// The keys could not be fetched: not the client's fault, so not a 401.
			this.jwt.record(GatewayJwt.Result.ERROR);
			return Mono.error(ex);
		}
		this.jwt.record(GatewayJwt.Result.INVALID);
		return this.entryPoint.commence(exchange.getExchange(), ex);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
