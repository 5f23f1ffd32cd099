package dev.mesh.gateway.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import dev.mesh.gateway.jwt.JwtClaims;

/**
 * What identifies a user for a sticky split: a cookie, a header or a claim of the
 * request's validated JWT, whose value is hashed into one of 100 buckets.
 *
 * @param source where the value is read
 * @param name name of the cookie, header or claim
 */
public record StickyKey(Source source, String name) {

	/**
	 * Number of buckets; a bucket is one percent of the users.
	 */
	public static final int BUCKETS = 100;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	public StickyKey {
		Assert.notNull(source, "'source' must not be null");
		Assert.hasText(name, "'name' must not be empty");
	}

	/**
	 * Read the key from a request.
	 * @param request the request
	 * @return the value, {@code null} when the request does not carry a non-empty one
	 */
	public String value(ServerHttpRequest request) {
		return value((cookie) -> {
			HttpCookie sent = request.getCookies().getFirst(cookie);
			return (sent != null) ? sent.getValue() : null;
		}, request.getHeaders()::getFirst);
	}

	/**
	 * Read the key from a request that is not a WebFlux request (a validated JWT never
	 * goes with one).
	 * @param cookies the value of the first cookie of a name, {@code null} when absent
	 * @param headers the first value of a header, {@code null} when absent
	 * @return the value, {@code null} when the request does not carry a non-empty one
	 */
	public String value(Function<String, String> cookies, Function<String, String> headers) {
		String value = switch (this.source) {
			case COOKIE -> cookies.apply(this.name);
			case HEADER -> headers.apply(this.name);
			case CLAIM -> null;
		};
		return (value != null && !value.isEmpty()) ? value : null;
	}

	/**
	 * Read the key from an exchange: a claim from its validated JWT, otherwise from its
	 * request.
	 * @param exchange the exchange
	 * @return the value, {@code null} when the exchange does not carry a non-empty one
	 */
	public String value(ServerWebExchange exchange) {
		if (this.source != Source.CLAIM) {
			return value(exchange.getRequest());
		}
		JwtClaims claims = JwtClaims.of(exchange);
		return (claims != null) ? claims.text(this.name) : null;
	}

	/**
	 * Return the bucket of a key: the same on every gateway instance, in every release
	 * (64-bit FNV-1a of the UTF-8 bytes, mixed with MurmurHash3's finalizer).
	 * @param value the key
	 * @return the bucket, from 0 to 99
	 */
	public static int bucket(String value) {
		long hash = FNV_OFFSET;
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= FNV_PRIME;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return (int) Long.remainderUnsigned(hash, BUCKETS);
	}

	@Override
	public String toString() {
		return this.source.name().toLowerCase(Locale.ROOT) + " " + this.name;
	}

	/**
	 * Where a sticky key is read.
	 */
	public enum Source {

		/**
		 * A cookie.
		 */
		COOKIE,

		/**
		 * A request header.
		 */
		HEADER,

		/**
		 * A claim of the request's validated JWT.
		 */
		CLAIM

	}

}
