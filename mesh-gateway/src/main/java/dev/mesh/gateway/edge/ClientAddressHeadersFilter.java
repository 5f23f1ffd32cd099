package dev.mesh.gateway.edge;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.mesh.resilience.HeaderCallerIdentityResolver;

/**
 * Headers the gateway vouches for on every forwarded request: {@code X-Forwarded-For}
 * holds only what {@link ClientAddresses} believes (the client, then the trusted proxies
 * and the connection's peer), replacing anything an untrusted client sent, and the caller
 * header names the gateway itself as the mesh caller. Runs after Spring Cloud Gateway's
 * own forwarded-header filters.
 */
public final class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

	private final ClientAddresses addresses;

	private final String caller;

	/**
	 * Create the filter.
	 * @param addresses resolves client addresses
	 * @param caller the gateway's service name, sent as the mesh caller
	 */
	public ClientAddressHeadersFilter(ClientAddresses addresses, String caller) {
		this.addresses = addresses;
		this.caller = caller;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = HttpHeaders.copyOf(input);
		List<String> chain = this.addresses.chain(exchange.getRequest());
		if (chain.isEmpty()) {
			headers.remove(ClientAddresses.X_FORWARDED_FOR);
		}
		else {
			headers.set(ClientAddresses.X_FORWARDED_FOR, String.join(", ", chain));
		}
		headers.set(HeaderCallerIdentityResolver.HEADER, this.caller);
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
