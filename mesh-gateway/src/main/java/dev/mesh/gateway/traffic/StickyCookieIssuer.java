package dev.mesh.gateway.traffic;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Issues the cookie of a sticky split to a user who has none: a random id that cannot be
 * guessed (128 bits from {@link SecureRandom}, URL-safe Base64), set {@code HttpOnly},
 * {@code SameSite=Lax}, {@code Path=/}, {@code Secure} when the request came over TLS,
 * with a {@code Max-Age}. The request itself is split by that id, so the user is sticky
 * from the first request. A cookie of the same name set by the backend in the same answer
 * wins: the gateway's is then not sent.
 */
public final class StickyCookieIssuer {

	/**
	 * Exchange attribute set to the name of the cookie issued to the request.
	 */
	public static final String ISSUED_ATTRIBUTE = StickyCookieIssuer.class.getName() + ".issued";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final Duration maxAge;

	/**
	 * Create an issuer.
	 * @param maxAge how long an issued cookie lives
	 */
	public StickyCookieIssuer(Duration maxAge) {
		Assert.isTrue(maxAge != null && !maxAge.isNegative() && !maxAge.isZero(), "'maxAge' must be positive");
		this.maxAge = maxAge;
	}

	/**
	 * Issue a cookie with the answer to a request.
	 * @param exchange the request and its answer
	 * @param name the cookie's name
	 * @return the new id, the cookie's value
	 */
	public String issue(ServerWebExchange exchange, String name) {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String id = ENCODER.encodeToString(bytes);
		ServerHttpResponse response = exchange.getResponse();
		response.addCookie(ResponseCookie.from(name, id)
			.httpOnly(true)
			.secure(overTls(exchange.getRequest()))
			.sameSite("Lax")
			.path("/")
			.maxAge(this.maxAge)
			.build());
		response.beforeCommit(() -> {
			if (setByBackend(response.getHeaders(), name)) {
				response.getCookies().remove(name);
			}
			return Mono.empty();
		});
		exchange.getAttributes().put(ISSUED_ATTRIBUTE, name);
		return id;
	}

	private static boolean overTls(ServerHttpRequest request) {
		return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme());
	}

	private static boolean setByBackend(HttpHeaders headers, String name) {
		List<String> cookies = headers.get(HttpHeaders.SET_COOKIE);
		if (cookies == null) {
			return false;
		}
		for (String cookie : cookies) {
			int equals = cookie.indexOf('=');
			if (equals > 0 && name.equals(cookie.substring(0, equals).trim())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return how long an issued cookie lives.
	 * @return its {@code Max-Age}
	 */
	public Duration maxAge() {
		return this.maxAge;
	}

	@Override
	public String toString() {
		return "[MeshStickyCookie max-age=" + this.maxAge + "]";
	}

}
