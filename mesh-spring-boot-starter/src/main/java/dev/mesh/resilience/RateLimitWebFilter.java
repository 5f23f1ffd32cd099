package dev.mesh.resilience;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a request over its caller's rate with 429 and {@code Retry-After}, on reactive
 * servers.
 */
class RateLimitWebFilter implements WebFilter, Ordered {

	private final InboundRateLimiter limiter;

	private final CallerIdentityResolver callers;

	RateLimitWebFilter(InboundRateLimiter limiter, CallerIdentityResolver callers) {
		this.limiter = limiter;
		this.callers = callers;
	}

	@Override
	public int getOrder() {
		return MeshResilienceAutoConfiguration.RATE_LIMIT_FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		long retryAfter = acquire(new InboundRequest() {

			@Override
			public String header(String name) {
				return headers.getFirst(name);
			}

			@Override
			public Object attribute(String name) {
				return exchange.getAttribute(name);
			}

		});
		if (retryAfter == 0) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		return write(response, HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_REQUESTS);
	}

	/**
	 * Admit a request of its caller or not.
	 * @param request the request
	 * @return 0 when admitted, else whole seconds until the caller may try again
	 */
	long acquire(InboundRequest request) {
		return this.limiter.acquire(this.callers.resolve(request));
	}

	static Mono<Void> write(ServerHttpResponse response, HttpStatus status, byte[] body) {
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, Problems.CONTENT_TYPE);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
