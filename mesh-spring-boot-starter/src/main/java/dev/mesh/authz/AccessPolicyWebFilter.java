package dev.mesh.authz;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Enforces the access policies on a reactive server: a refused request is answered with a
 * problem (403, or 400 for a path that cannot be normalized) before any handler runs.
 * Requests on the management port are not subject to access policies.
 */
final class AccessPolicyWebFilter implements WebFilter, Ordered {

	private final MeshAuthorization authorization;

	AccessPolicyWebFilter(MeshAuthorization authorization) {
		this.authorization = authorization;
	}

	@Override
	public int getOrder() {
		return MeshAuthzAutoConfiguration.ACCESS_POLICY_FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress local = request.getLocalAddress();
		if (local != null && this.authorization.isManagementPort(local.getPort())) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = request.getHeaders();
		AccessDecision decision = decide(exchange.getAttributes(), request.getMethod().name(),
				request.getPath().pathWithinApplication().value(), (name) -> {
					List<String> values = headers.get(name);
					return (values != null) ? values : List.of();
				});
		if (decision.allowed()) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatusCode.valueOf(decision.reason().status()));
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, AuthorizationProblems.CONTENT_TYPE);
		DataBuffer buffer = response.bufferFactory().wrap(AuthorizationProblems.body(decision.reason()));
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * Decide about a request of the caller that its attributes name.
	 * @param attributes the attributes of the request, where the caller's
	 * {@link PeerIdentity} is kept
	 * @param method the HTTP method
	 * @param rawPath the raw path of the request
	 * @param headers the values of a request header by name, empty when absent
	 * @return the decision
	 */
	AccessDecision decide(Map<String, Object> attributes, String method, String rawPath,
			Function<String, List<String>> headers) {
		PeerIdentity peer = (PeerIdentity) attributes.getOrDefault(PeerIdentity.ATTRIBUTE, PeerIdentity.NONE);
		return this.authorization.authorize(peer, method, rawPath, headers);
	}

}
