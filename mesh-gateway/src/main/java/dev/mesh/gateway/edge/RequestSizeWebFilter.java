package dev.mesh.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Limits the size of request bodies on every route: a request declaring a larger
 * {@code Content-Length} is answered {@code 413} before anything is forwarded, and a body
 * of unknown length (chunked) is cut off with a {@code 413} as soon as it grows past the
 * limit.
 */
public final class RequestSizeWebFilter implements WebFilter, Ordered {

	private final DataSize max;

	/**
	 * Create the filter.
	 * @param max largest body accepted
	 */
	public RequestSizeWebFilter(DataSize max) {
		Assert.isTrue(max != null && !max.isNegative(), "'max' must be 0 or more");
		this.max = max;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long length = request.getHeaders().getContentLength();
		long limit = this.max.toBytes();
		if (exceedsLimit(length)) {
			return Mono.error(tooLarge(limit));
		}
		if (length >= 0) {
			return chain.filter(exchange);
		}
		ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong read = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (read.addAndGet(buffer.readableByteCount()) > limit) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge(limit));
					}
					else {
						sink.next(buffer);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(limited).build());
	}

	/**
	 * Whether a request declaring a length is answered {@code 413} at once.
	 * @param contentLength the declared length, {@code -1} for none
	 * @return whether the length is above the limit
	 */
	boolean exceedsLimit(long contentLength) {
		return contentLength > this.max.toBytes();
	}

	private static ResponseStatusException tooLarge(long limit) {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + limit + " bytes");
	}

	@Override
	public int getOrder() {
		return IdentityHeadersWebFilter.ORDER + 1;
	}

}
