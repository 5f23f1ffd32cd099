package dev.mesh.gateway.jwt;

import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

/**
 * The claims of a request's validated JWT, left on the exchange by the gateway's JWT
 * filter only once the token's signature, issuer, audience and lifetime were checked.
 * Route matches and sticky keys read them as literal values: nothing in a claim or in a
 * route's expected value is ever evaluated.
 *
 * @param claims the claims, by name
 */
public record JwtClaims(Map<String, Object> claims) {

	/**
	 * Exchange attribute holding the {@link JwtClaims} of a request with a valid token.
	 */
	public static final String ATTRIBUTE = JwtClaims.class.getName();

	private static final String SCOPE = "scope";

	public JwtClaims {
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	/**
	 * Return the validated claims of a request.
	 * @param exchange the exchange
	 * @return the claims, {@code null} when the request carries no valid token
	 */
	public static JwtClaims of(ServerWebExchange exchange) {
		return (exchange.getAttributes().get(ATTRIBUTE) instanceof JwtClaims claims) ? claims : null;
	}

	/**
	 * Return whether a claim has a value: a string, number or boolean claim equal to it,
	 * an array claim (such as {@code groups}) holding it, or a space-separated
	 * {@code scope} claim listing it.
	 * @param name the claim's name
	 * @param expected the value, compared literally
	 * @return whether the claim has the value
	 */
	public boolean has(String name, String expected) {
		Object claim = this.claims.get(name);
		if (claim instanceof Collection<?> values) {
			for (Object value : values) {
				if (expected.equals(scalar(value))) {
					return true;
				}
			}
			return false;
		}
		String value = scalar(claim);
		if (value == null) {
			return false;
		}
		if (value.equals(expected)) {
			return true;
		}
		if (SCOPE.equals(name)) {
			for (String scope : value.split(" ")) {
				if (scope.equals(expected)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Return the text of a single-valued claim.
	 * @param name the claim's name
	 * @return the value of a string, number or boolean claim, {@code null} when the claim
	 * is absent, empty or not a single value
	 */
	public String text(String name) {
		String value = scalar(this.claims.get(name));
		return (value != null && !value.isEmpty()) ? value : null;
	}

	private static String scalar(Object value) {
		if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof URL) {
			return value.toString();
		}
		return null;
	}

	@Override
	public String toString() {
		return "JwtClaims " + this.claims.keySet();
	}

}
