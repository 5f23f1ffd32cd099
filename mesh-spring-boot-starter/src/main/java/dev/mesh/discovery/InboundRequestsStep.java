package dev.mesh.discovery;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link InboundRequestsWebFilter} for requests served below WebFlux: counts
 * a request from its start until its answer is complete, whether a later step refused it
 * or not.
 */
final class InboundRequestsStep implements InboundStep {

	private final InboundRequests requests;

	InboundRequestsStep(InboundRequests requests) {
		this.requests = requests;
	}

	@Override
	public Class<?> webFilter() {
		return InboundRequestsWebFilter.class;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		this.requests.started();
		return null;
	}

	@Override
	public void completed(InboundRequestView request) {
		this.requests.finished();
	}

}
