package dev.mesh.authz;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of {@link PeerIdentityWebFilter} for requests served below WebFlux: identifies
 * the caller from its TLS client certificate into the request's attributes. A step cannot
 * remove headers, so a request carrying an identity header is left to the filter.
 */
final class PeerIdentityStep implements InboundStep {

	private final PeerIdentityWebFilter filter;

	PeerIdentityStep(PeerIdentityWebFilter filter) {
		this.filter = filter;
	}

	@Override
	public Class<?> webFilter() {
		return PeerIdentityWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		return !this.filter.carriesStripped((name) -> request.header(name) != null);
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		this.filter.identify(request.peerCertificates(), request.attributes());
		return null;
	}

}
