package dev.mesh.authz;

import java.util.Map;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link AccessPolicyWebFilter} for requests served below WebFlux: the same
 * decision about the caller that an earlier {@link PeerIdentityStep} identified, and the
 * same problem when it refuses the request.
 */
final class AccessPolicyStep implements InboundStep {

	private final AccessPolicyWebFilter filter;

	AccessPolicyStep(AccessPolicyWebFilter filter) {
		this.filter = filter;
	}

	@Override
	public Class<?> webFilter() {
		return AccessPolicyWebFilter.class;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		// Unlike the filter, no exemption of the management port: requests on the
		// management port are never served below WebFlux
		AccessDecision decision = this.filter.decide(request.attributes(), request.method(), request.rawPath(),
				request::headers);
		if (decision.allowed()) {
			return null;
		}
		AccessDecision.Reason reason = decision.reason();
		return new InboundRefusal(reason.status(), AuthorizationProblems.CONTENT_TYPE,
				AuthorizationProblems.body(reason), Map.of());
	}

}
