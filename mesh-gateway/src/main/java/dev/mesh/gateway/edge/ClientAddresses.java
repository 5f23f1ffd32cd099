package dev.mesh.gateway.edge;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.netty.util.NetUtil;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Finds the address of the client behind a request, believing {@code X-Forwarded-For}
 * only as far as it was written by trusted proxies: the peer of the connection is the
 * client unless it is a trusted proxy; then the entries of {@code X-Forwarded-For} are
 * read from the right, skipping trusted proxies, and the first other address is the
 * client. Anything a client wrote to the left of that is ignored, so a client cannot
 * choose its own address. Trusted proxies are the addresses matching Spring Cloud
 * Gateway's {@code spring.cloud.gateway.server.webflux.trusted-proxies} pattern; without
 * one, no proxy is trusted.
 */
public final class ClientAddresses {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final Pattern trustedProxies;

	/**
	 * Create a resolver.
	 * @param trustedProxies the pattern of trusted proxy addresses, {@code null} or empty
	 * when no proxy is trusted
	 */
	public ClientAddresses(String trustedProxies) {
		this.trustedProxies = StringUtils.hasText(trustedProxies) ? Pattern.compile(trustedProxies) : null;
	}

	/**
	 * Return the client's address.
	 * @param request the request
	 * @return the address, {@code null} when the connection's peer is unknown
	 */
	public String client(ServerHttpRequest request) {
		List<String> chain = chain(request);
		return chain.isEmpty() ? null : chain.get(0);
	}

	/**
	 * Return the addresses the request is believed to have come through: the client
	 * first, then each trusted proxy, the connection's peer last.
	 * @param request the request
	 * @return the addresses, empty when the connection's peer is unknown
	 */
	public List<String> chain(ServerHttpRequest request) {
		return chain(request.getRemoteAddress(), request.getHeaders().get(X_FORWARDED_FOR));
	}

	/**
	 * Return the addresses a request is believed to have come through: the client first,
	 * then each trusted proxy, the connection's peer last.
	 * @param remote the connection's peer, {@code null} when unknown
	 * @param sentForwardedFor the {@code X-Forwarded-For} values the request came with,
	 * {@code null} for none
	 * @return the addresses, empty when the connection's peer is unknown
	 */
	public List<String> chain(InetSocketAddress remote, List<String> sentForwardedFor) {
		if (remote == null) {
			return List.of();
		}
		String peer = remote.getHostString();
		List<String> believed = new ArrayList<>();
		believed.add(peer);
		if (!isTrusted(peer)) {
			return believed;
		}
		List<String> forwarded = forwardedFor(sentForwardedFor);
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i);
			if (!NetUtil.isValidIpV4Address(hop) && !NetUtil.isValidIpV6Address(hop)) {
				break;
			}
			believed.add(0, hop);
			if (!isTrusted(hop)) {
				break;
			}
		}
		return believed;
	}

	/**
	 * Whether an address is a trusted proxy.
	 * @param address the address
	 * @return whether it matches the trusted proxies
	 */
	public boolean isTrusted(String address) {
		return this.trustedProxies != null && this.trustedProxies.matcher(address).matches();
	}

	private static List<String> forwardedFor(List<String> headers) {
		List<String> entries = new ArrayList<>();
		if (headers != null) {
			for (String header : headers) {
				for (String entry : header.split(",")) {
					if (!entry.isBlank()) {
						entries.add(entry.trim());
					}
				}
			}
		}
		return entries;
	}

	@Override
	public String toString() {
		return "trusted proxies " + ((this.trustedProxies != null) ? this.trustedProxies.pattern() : "none");
	}

}
