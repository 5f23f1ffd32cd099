package dev.mesh.authz;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the access policies on a servlet server: a refused request is answered with a
 * problem (403, or 400 for a path that cannot be normalized) before any handler runs.
 * Requests on the management port are not subject to access policies.
 */
final class AccessPolicyServletFilter extends OncePerRequestFilter {

	private final MeshAuthorization authorization;

	AccessPolicyServletFilter(MeshAuthorization authorization) {
		this.authorization = authorization;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.authorization.isManagementPort(request.getLocalPort())) {
			chain.doFilter(request, response);
			return;
		}
		PeerIdentity peer = (PeerIdentity) request.getAttribute(PeerIdentity.ATTRIBUTE);
		AccessDecision decision = this.authorization.authorize((peer != null) ? peer : PeerIdentity.NONE,
				request.getMethod(), pathWithinApplication(request), (name) -> headers(request, name));
		if (decision.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(decision.reason().status());
		response.setContentType(AuthorizationProblems.CONTENT_TYPE);
		response.getOutputStream().write(AuthorizationProblems.body(decision.reason()));
	}

	/**
	 * Return the raw path the application routes on: the request URI without the context
	 * path (both as sent, and both prefixed alike by a forwarded-prefix filter), or
	 * {@code null} when they do not line up.
	 */
	static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		if (contextPath == null || contextPath.isEmpty()) {
			return uri;
		}
		return (uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : null;
	}

	private static List<String> headers(HttpServletRequest request, String name) {
		return Collections.list(request.getHeaders(name));
	}

}
