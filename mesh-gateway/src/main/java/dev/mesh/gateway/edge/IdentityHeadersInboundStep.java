package dev.mesh.gateway.edge;

import java.util.List;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of the {@link IdentityHeadersWebFilter} for a request served below WebFlux. A
 * step cannot remove headers, so it accepts only a request carrying none of the filter's
 * headers (not even empty), which the filter passes on untouched; any other request is
 * left to WebFlux, where the filter removes them.
 */
final class IdentityHeadersInboundStep implements InboundStep {

	private final List<String> headers;

	IdentityHeadersInboundStep(IdentityHeadersWebFilter filter) {
		this.headers = filter.headers();
	}

	@Override
	public Class<?> webFilter() {
		return IdentityHeadersWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		for (String header : this.headers) {
			if (!request.headers(header).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
