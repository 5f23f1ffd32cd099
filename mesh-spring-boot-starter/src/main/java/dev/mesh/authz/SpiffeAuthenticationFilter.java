package dev.mesh.authz;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a mesh caller in a Spring Security filter chain: when no earlier filter
 * authenticated the request (a user's token wins over the calling workload), the caller's
 * {@link SpiffeAuthentication} becomes the request's authentication. It is not saved
 * anywhere: every request authenticates with its own TLS session.
 */
final class SpiffeAuthenticationFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PeerIdentity peer = (PeerIdentity) request.getAttribute(PeerIdentity.ATTRIBUTE);
		SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext current = contexts.getContext();
		if (peer != null && peer.principal() != null && current.getAuthentication() == null) {
			SecurityContext context = contexts.createEmptyContext();
			context.setAuthentication(new SpiffeAuthentication(peer.principal(), peer.certificate()));
			contexts.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
