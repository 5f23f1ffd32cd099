package dev.mesh.gateway.jwt;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of the {@link JwtWebFilter} for a request served below WebFlux, which is
 * always one on the public port. The filter passes on untouched any request when
 * validation is off, and a request without a token when not every request needs one; the
 * step accepts those: {@code mesh.gateway.jwt.required} off, and either no decoder or no
 * {@code Authorization} header at all, the only place the filter's
 * {@link ServerBearerTokenAuthenticationConverter} looks for a token (its query and form
 * parameters are off, as by default). A request with the header, even one that is not a
 * bearer token, is left to WebFlux, which validates a token and leaves its claims for the
 * routes.
 */
final class JwtInboundStep implements InboundStep {

	private final JwtWebFilter filter;

	JwtInboundStep(JwtWebFilter filter) {
		this.filter = filter;
	}

	@Override
	public Class<?> webFilter() {
		return JwtWebFilter.class;
	}

	@Override
	public boolean accepts(InboundRequestView request) {
		if (this.filter.requiresToken()) {
			return false;
		}
		return !this.filter.validates() || request.headers(HttpHeaders.AUTHORIZATION).isEmpty();
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
