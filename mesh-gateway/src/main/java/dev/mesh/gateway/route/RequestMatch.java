package dev.mesh.gateway.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

import dev.mesh.gateway.jwt.JwtClaims;
import dev.mesh.policy.spec.GatewayMatch;

/**
 * The conditions of a gateway route, all of which a request must meet: exact path or path
 * prefix (whole segments: {@code /api/catalog} takes {@code /api/catalog} and
 * {@code /api/catalog/items}, not {@code /api/catalogue}), one of the methods, and
 * headers, cookies and query parameters with exactly the given values, and claims of the
 * request's validated JWT (see {@link JwtClaims#has}): a match with claims never takes a
 * request without a valid token. Nothing in them is evaluated.
 *
 * @param path exact path, {@code null} for any
 * @param pathPrefix path prefix, {@code null} for any
 * @param methods methods, empty for any
 * @param headers headers by lower-case name
 * @param cookies cookies by name
 * @param queryParameters query parameters by name
 * @param claims claims of the validated JWT by name
 */
public record RequestMatch(String path, String pathPrefix, List<String> methods, Map<String, String> headers,
		Map<String, String> cookies, Map<String, String> queryParameters,
		Map<String, String> claims) implements GatewayPredicate {

	public RequestMatch {
		if (pathPrefix != null && pathPrefix.length() > 1 && pathPrefix.endsWith("/")) {
			pathPrefix = pathPrefix.substring(0, pathPrefix.length() - 1);
		}
		methods = List.copyOf(methods);
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
		queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	static RequestMatch of(GatewayMatch match) {
		Map<String, String> headers = new LinkedHashMap<>();
		match.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
		List<String> methods = new ArrayList<>();
		match.getMethods().forEach((method) -> methods.add(method.toUpperCase(Locale.ROOT)));
		return new RequestMatch(match.getPath(), match.getPathPrefix(), methods, headers, match.getCookies(),
				match.getQueryParameters(), match.getClaims());
	}

	@Override
	public boolean test(ServerWebExchange exchange) {
		return matches(new ExchangeInput(exchange));
	}

	/**
	 * Whether a request meets every condition.
	 * @param request what the match reads of the request
	 * @return whether the route takes the request
	 */
	public boolean matches(MatchInput request) {
		String requestPath = request.path();
		if (this.path != null && !this.path.equals(requestPath)) {
			return false;
		}
		if (this.pathPrefix != null && !hasPrefix(requestPath)) {
			return false;
		}
		if (!this.methods.isEmpty() && !this.methods.contains(request.method())) {
			return false;
		}
		for (Map.Entry<String, String> header : this.headers.entrySet()) {
			if (!header.getValue().equals(request.header(header.getKey()))) {
				return false;
			}
		}
		for (Map.Entry<String, String> cookie : this.cookies.entrySet()) {
			if (!cookie.getValue().equals(request.cookie(cookie.getKey()))) {
				return false;
			}
		}
		for (Map.Entry<String, String> parameter : this.queryParameters.entrySet()) {
			if (!parameter.getValue().equals(request.queryParameter(parameter.getKey()))) {
				return false;
			}
		}
		return this.claims.isEmpty() || hasClaims(request.claims());
	}

	private boolean hasClaims(JwtClaims validated) {
		if (validated == null) {
			return false;
		}
		for (Map.Entry<String, String> claim : this.claims.entrySet()) {
			if (!validated.has(claim.getKey(), claim.getValue())) {
				return false;
			}
		}
		return true;
	}

	private boolean hasPrefix(String requestPath) {
		if ("/".equals(this.pathPrefix)) {
			return true;
		}
		return requestPath.startsWith(this.pathPrefix) && (requestPath.length() == this.pathPrefix.length()
				|| requestPath.charAt(this.pathPrefix.length()) == '/');
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		append(text, "path", this.path);
		append(text, "pathPrefix", this.pathPrefix);
		append(text, "methods", this.methods.isEmpty() ? null : this.methods);
		append(text, "headers", this.headers.isEmpty() ? null : this.headers);
		append(text, "cookies", this.cookies.isEmpty() ? null : this.cookies);
		append(text, "queryParameters", this.queryParameters.isEmpty() ? null : this.queryParameters);
		append(text, "claims", this.claims.isEmpty() ? null : this.claims);
		return text.isEmpty() ? "any request" : text.toString();
	}

	private static void append(StringBuilder text, String name, Object value) {
		if (value != null) {
			text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value);
		}
	}

	/**
	 * What a match reads of a request.
	 */
	public interface MatchInput {

		/**
		 * Return the path as sent, without the query.
		 * @return the raw path
		 */
		String path();

		/**
		 * Return the method.
		 * @return the method, upper case
		 */
		String method();

		/**
		 * Return the first value of a header.
		 * @param name the header name, lower case
		 * @return the value, {@code null} when absent
		 */
		String header(String name);

		/**
		 * Return the value of the first cookie of a name.
		 * @param name the cookie name
		 * @return the value, {@code null} when absent
		 */
		String cookie(String name);

		/**
		 * Return the first value of a query parameter, decoded.
		 * @param name the parameter name
		 * @return the value, {@code null} when absent
		 */
		String queryParameter(String name);

		/**
		 * Return the claims of the request's validated JWT.
		 * @return the claims, {@code null} without a valid token
		 */
		JwtClaims claims();

	}

	private record ExchangeInput(ServerWebExchange exchange) implements MatchInput {

		@Override
		public String path() {
			return this.exchange.getRequest().getPath().pathWithinApplication().value();
		}

		@Override
		public String method() {
			return this.exchange.getRequest().getMethod().name();
		}

		@Override
		public String header(String name) {
			return this.exchange.getRequest().getHeaders().getFirst(name);
		}

		@Override
		public String cookie(String name) {
			HttpCookie sent = this.exchange.getRequest().getCookies().getFirst(name);
			return (sent != null) ? sent.getValue() : null;
		}

		@Override
		public String queryParameter(String name) {
			return this.exchange.getRequest().getQueryParams().getFirst(name);
		}

		@Override
		public JwtClaims claims() {
			return JwtClaims.of(this.exchange);
		}

	}

}
