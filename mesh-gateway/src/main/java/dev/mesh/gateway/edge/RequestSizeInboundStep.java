package dev.mesh.gateway.edge;

import org.springframework.http.HttpHeaders;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of the {@link RequestSizeWebFilter} for a request served below WebFlux, which
 * has no body, so the filter's count of body bytes never grows. What remains is its check
 * of the declared {@code Content-Length}, read as the filter reads it: a request the
 * filter would answer {@code 413} or whose length cannot be read is left to WebFlux,
 * which answers it as the filter does; every other request passes untouched, as through
 * the filter.
 */
final class RequestSizeInboundStep implements InboundStep {

	private final RequestSizeWebFilter filter;

	RequestSizeInboundStep(RequestSizeWebFilter filter) {
		this.filter = filter;
	}

	@Override
	public Class<?> webFilter() {
		return RequestSizeWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		String value = request.header(HttpHeaders.CONTENT_LENGTH);
		long length;
		try {
			// As HttpHeaders.getContentLength() reads it for the filter
			length = (value != null) ? Long.parseLong(value) : -1;
		}
		catch (NumberFormatException ex) {
			return false;
		}
		return !this.filter.exceedsLimit(length);
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
