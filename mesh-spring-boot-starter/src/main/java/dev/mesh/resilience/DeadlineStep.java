package dev.mesh.resilience;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link DeadlineWebFilter} for requests served below WebFlux, which is none
 * for a request without a deadline. A request with one is left to the filter: its
 * deadline must reach the Reactor context of the handling, and time it out.
 */
final class DeadlineStep implements InboundStep {

	@Override
	public Class<?> webFilter() {
		return DeadlineWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		return request.header(MeshDeadline.HEADER) == null;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
