package dev.mesh.resilience;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request over its caller's rate with 429 and {@code Retry-After}.
 */
class RateLimitServletFilter extends OncePerRequestFilter {

	private final InboundRateLimiter limiter;

	private final CallerIdentityResolver callers;

	RateLimitServletFilter(InboundRateLimiter limiter, CallerIdentityResolver callers) {
		this.limiter = limiter;
		this.callers = callers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long retryAfter = this.limiter.acquire(this.callers.resolve(new InboundRequest() {

			@Override
			public String header(String name) {
				return request.getHeader(name);
			}

			@Override
			public Object attribute(String name) {
				return request.getAttribute(name);
			}

		}));
		if (retryAfter == 0) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		response.setContentType(Problems.CONTENT_TYPE);
		response.getOutputStream().write(Problems.TOO_MANY_REQUESTS);
	}

}
