package dev.mesh.resilience;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link RateLimitWebFilter} for requests served below WebFlux: the same
 * caller's permit, and the same 429 with {@code Retry-After} over its rate.
 */
final class RateLimitStep implements InboundStep {

	private final RateLimitWebFilter filter;

	RateLimitStep(RateLimitWebFilter filter) {
		this.filter = filter;
	}

	@Override
	public Class<?> webFilter() {
		return RateLimitWebFilter.class;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		long retryAfter = this.filter.acquire(new ViewRequest(request));
		if (retryAfter == 0) {
			return null;
		}
		return new InboundRefusal(HttpStatus.TOO_MANY_REQUESTS.value(), Problems.CONTENT_TYPE,
				Problems.TOO_MANY_REQUESTS, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
	}

	/**
	 * What a {@link CallerIdentityResolver} reads of a request served below WebFlux.
	 *
	 * @param view the request
	 */
	private record ViewRequest(InboundRequestView view) implements InboundRequest {

		@Override
		public String header(String name) {
			return this.view.header(name);
		}

		@Override
		public Object attribute(String name) {
			return this.view.attributes().get(name);
		}

	}

}
