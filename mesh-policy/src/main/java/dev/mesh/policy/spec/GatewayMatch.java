package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conditions an ingress request must all meet to take a gateway route: those of a mesh
 * route, plus cookies, query parameters and the claims of a validated JWT.
 */
public class GatewayMatch extends RouteMatch {

	/**
	 * Cookies the request must carry with exactly these values.
	 */
	private final Map<String, String> cookies = new LinkedHashMap<>();

	/**
	 * Query parameters the request must carry with exactly these values.
	 */
	private final Map<String, String> queryParameters = new LinkedHashMap<>();

	/**
	 * Claims the request's validated JWT must carry with exactly these values (or, for an
	 * array claim or the space-separated 'scope', contain); never met without a token.
	 */
	private final Map<String, String> claims = new LinkedHashMap<>();

	public Map<String, String> getCookies() {
		return this.cookies;
	}

	public Map<String, String> getQueryParameters() {
		return this.queryParameters;
	}

	public Map<String, String> getClaims() {
		return this.claims;
	}

}
