package dev.mesh.loadbalancer;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link CohortWebFilter} for requests served below WebFlux, which is none
 * for a request without a cohort. A request with one is left to the filter: its cohort
 * must reach the Reactor context of the handling.
 */
final class CohortStep implements InboundStep {

	@Override
	public Class<?> webFilter() {
		return CohortWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		return request.header(MeshCohort.HEADER) == null;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
