package dev.mesh.authz;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

/**
 * Makes a Spring Security filter chain of a reactive application authenticate mesh
 * callers by their SPIFFE ID ({@link SpiffeAuthentication}, after the chain's own
 * authentication filters) and exempts them from CSRF protection, which defends browsers,
 * not workloads holding a mesh certificate. The mesh publishes it as a bean, which Spring
 * Security applies to every chain built from its {@code ServerHttpSecurity}; with
 * {@code mesh.authz.spring-security.enabled=false} apply it yourself:
 * {@code new MeshServerHttpSecurityCustomizer().customize(http)}.
 */
public final class MeshServerHttpSecurityCustomizer implements Customizer<ServerHttpSecurity> {

	@Override
	public void customize(ServerHttpSecurity http) {
		http.addFilterBefore(new SpiffeAuthenticationWebFilter(), SecurityWebFiltersOrder.ANONYMOUS_AUTHENTICATION);
		ServerWebExchangeMatcher protectedExchanges = (exchange) -> {
			if (exchange.getAttribute(PeerIdentity.ATTRIBUTE) instanceof PeerIdentity peer
					&& peer.principal() != null) {
				return MatchResult.notMatch();
			}
			return CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange);
		};
		http.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(protectedExchanges));
	}

}
