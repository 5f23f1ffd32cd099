package dev.mesh.gateway.edge;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The key a client is rate limited by: the value of a configured header (an API key, say)
 * when the request carries it, else the client's address as {@link ClientAddresses}
 * believes it. The gateway's only {@link KeyResolver}, so Spring Cloud Gateway's
 * {@code RequestRateLimiter} filter uses it without naming it.
 */
public final class ClientKeyResolver implements KeyResolver {

	private final ClientAddresses addresses;

	private final String header;

	/**
	 * Create a resolver.
	 * @param addresses resolves client addresses
	 * @param header header holding the client key, {@code null} to key by address only
	 */
	public ClientKeyResolver(ClientAddresses addresses, String header) {
		this.addresses = addresses;
		this.header = header;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Mono.justOrEmpty(key(exchange));
	}

	/**
	 * Return the key of a request.
	 * @param exchange the exchange
	 * @return the key, {@code null} when neither the header nor the address is known
	 */
	public String key(ServerWebExchange exchange) {
		if (this.header != null) {
			String value = exchange.getRequest().getHeaders().getFirst(this.header);
			if (value != null && !value.isBlank()) {
				return "key:" + value;
			}
		}
		String address = this.addresses.client(exchange.getRequest());
		return (address != null) ? "address:" + address : null;
	}

}
