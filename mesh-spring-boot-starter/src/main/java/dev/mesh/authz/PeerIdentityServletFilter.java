package dev.mesh.authz;

import java.io.IOException;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Identifies the caller from its TLS client certificate (once per request, kept as a
 * request attribute) and hides the identity headers from everything after it: the request
 * the application sees has none of them, and its user principal is the caller's
 * {@link MeshPrincipal} unless something else (such as Spring Security) names one.
 */
final class PeerIdentityServletFilter implements Filter {

	/**
	 * Request attribute under which servlet containers expose the client's certificate
	 * chain.
	 */
	static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

	private final MeshAuthorization authorization;

	private final Set<String> stripped;

	PeerIdentityServletFilter(MeshAuthorization authorization, Set<String> stripped) {
		this.authorization = authorization;
		this.stripped = stripped;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http)) {
			chain.doFilter(request, response);
			return;
		}
		PeerIdentity peer = (PeerIdentity) request.getAttribute(PeerIdentity.ATTRIBUTE);
		if (peer == null) {
			peer = this.authorization.identify((X509Certificate[]) request.getAttribute(CERTIFICATES));
			request.setAttribute(PeerIdentity.ATTRIBUTE, peer);
			if (peer.principal() != null) {
				request.setAttribute(MeshPrincipal.ATTRIBUTE, peer.principal());
			}
		}
		chain.doFilter(new StrippedRequest(http, this.stripped, peer.principal()), response);
	}

	/**
	 * The request without identity headers.
	 */
	static final class StrippedRequest extends HttpServletRequestWrapper {

		private final Set<String> stripped;

		private final MeshPrincipal principal;

		StrippedRequest(HttpServletRequest request, Set<String> stripped, MeshPrincipal principal) {
			super(request);
			this.stripped = stripped;
			this.principal = principal;
		}

		private boolean isStripped(String name) {
			return name != null && this.stripped.contains(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String getHeader(String name) {
			return isStripped(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isStripped(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isStripped(name)).toList());
		}

		@Override
		public long getDateHeader(String name) {
			return isStripped(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return isStripped(name) ? -1 : super.getIntHeader(name);
		}

		@Override
		public Principal getUserPrincipal() {
			Principal own = super.getUserPrincipal();
			return (own != null) ? own : this.principal;
		}

	}

}
