package dev.mesh.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BiConsumer;

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
		String forwardedFor = forwardedFor(this.addresses.chain(exchange.getRequest()));
		if (forwardedFor == null) {
			headers.remove(ClientAddresses.X_FORWARDED_FOR);
		}
		else {
			headers.set(ClientAddresses.X_FORWARDED_FOR, forwardedFor);
		}
		headers.set(HeaderCallerIdentityResolver.HEADER, this.caller);
		return headers;
	}

	/**
	 * Write the headers the gateway vouches for into the headers of a forwarded request
	 * that is not a WebFlux exchange.
	 * @param remote the connection's peer, {@code null} when unknown
	 * @param sentForwardedFor the {@code X-Forwarded-For} values the request came with
	 * @param headers sets a header, {@code null} as the value removing it
	 */
	public void write(InetSocketAddress remote, List<String> sentForwardedFor, BiConsumer<String, String> headers) {
		headers.accept(ClientAddresses.X_FORWARDED_FOR, forwardedFor(this.addresses.chain(remote, sentForwardedFor)));
		headers.accept(HeaderCallerIdentityResolver.HEADER, this.caller);
	}

	/**
	 * Whether the peer of a connection is a trusted proxy.
	 * @param remote the peer, {@code null} when unknown
	 * @return whether it is trusted
	 */
	public boolean isTrusted(InetSocketAddress remote) {
		return remote != null && this.addresses.isTrusted(remote.getHostString());
	}

	private static String forwardedFor(List<String> chain) {
		return chain.isEmpty() ? null : String.join(", ", chain);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
