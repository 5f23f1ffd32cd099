package dev.mesh.gateway.direct;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.ssl.SslHandler;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.netty.http.server.HttpServerRequest;

import dev.mesh.gateway.jwt.JwtClaims;
import dev.mesh.gateway.route.RequestMatch;
import dev.mesh.inbound.InboundRequestView;

/**
 * A request the gateway considers forwarding directly: what route matches and inbound
 * steps read of it, parsed only when asked.
 */
final class DirectRequest implements RequestMatch.MatchInput, InboundRequestView {

	private static final Pattern QUERY = Pattern.compile("([^&=]+)(=?)([^&]+)?");

	private final HttpServerRequest request;

	private final String path;

	private final String query;

	private Map<String, String> queryParameters;

	private Map<String, Object> attributes;

	private DirectRequest(HttpServerRequest request, String path, String query) {
		this.request = request;
		this.path = path;
		this.query = query;
	}

	/**
	 * Read a request whose target is an origin-form URI (a path and a query, as clients
	 * send to a server that is not a proxy) made only of characters a URI may hold, that
	 * Spring Cloud Gateway would forward unchanged.
	 * @param request the request
	 * @return the request, {@code null} when its target is anything else
	 */
	static DirectRequest of(HttpServerRequest request) {
		String uri = request.uri();
		if (uri.isEmpty() || uri.charAt(0) != '/') {
			return null;
		}
		int question = -1;
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '?' && question < 0) {
				question = i;
			}
			else if (c == '%') {
				if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
						|| Character.digit(uri.charAt(i + 2), 16) < 0) {
					return null;
				}
			}
			else if (!isUriCharacter(c)) {
				return null;
			}
		}
		String path = (question < 0) ? uri : uri.substring(0, question);
		String query = (question < 0) ? null : uri.substring(question + 1);
		if (path.contains("//") || (query != null && !isCanonical(query))) {
			return null;
		}
		return new DirectRequest(request, path, query);
	}

	/**
	 * Whether Spring Cloud Gateway forwards a query as it was sent: it rebuilds the
	 * backend URI with Spring's {@code UriComponentsBuilder}, which drops an empty query,
	 * empty pairs and the {@code =} of a pair without a name (as it collapses the empty
	 * segments of a path, above).
	 */
	private static boolean isCanonical(String query) {
		return !query.isEmpty() && query.charAt(0) != '&' && query.charAt(0) != '='
				&& query.charAt(query.length() - 1) != '&' && !query.contains("&&") && !query.contains("&=");
	}

	/**
	 * Whether a character may stand unescaped in a URI's path or query (RFC 3986's
	 * unreserved and sub-delimiter characters, {@code :}, {@code @}, {@code /} and
	 * {@code ?}): a target with any other is left to WebFlux, which refuses it.
	 */
	private static boolean isUriCharacter(char c) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			return true;
		}
		return "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0;
	}

	HttpServerRequest request() {
		return this.request;
	}

	/**
	 * Return the query as sent.
	 * @return the raw query, {@code null} without one
	 */
	String query() {
		return this.query;
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public String rawPath() {
		return this.path;
	}

	@Override
	public String method() {
		return this.request.method().name();
	}

	@Override
	public String header(String name) {
		return this.request.requestHeaders().get(name);
	}

	@Override
	public List<String> headers(String name) {
		return this.request.requestHeaders().getAll(name);
	}

	@Override
	public String cookie(String name) {
		List<Cookie> cookies = this.request.allCookies().get(name);
		return (cookies != null && !cookies.isEmpty()) ? cookies.get(0).value() : null;
	}

	@Override
	public String queryParameter(String name) {
		if (this.query == null) {
			return null;
		}
		if (this.queryParameters == null) {
			this.queryParameters = parse(this.query);
		}
		return this.queryParameters.get(name);
	}

	/**
	 * Return the first value of a query parameter as sent, not decoded, as the load
	 * balancer's hash keys read it.
	 * @param name the parameter name
	 * @return the value, {@code null} when absent
	 */
	String rawQueryParameter(String name) {
		return (this.query != null)
				? UriComponentsBuilder.newInstance().query(this.query).build().getQueryParams().getFirst(name) : null;
	}

	/**
	 * Requests served directly never carry a validated token: a request with one goes
	 * through WebFlux, where the JWT filter validates it.
	 * @return {@code null}
	 */
	@Override
	public JwtClaims claims() {
		return null;
	}

	@Override
	public X509Certificate[] peerCertificates() {
		X509Certificate[][] chain = new X509Certificate[1][];
		this.request.withConnection((connection) -> {
			SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
			if (ssl != null) {
				chain[0] = x509(ssl);
			}
		});
		return chain[0];
	}

	private static X509Certificate[] x509(SslHandler ssl) {
		try {
			Certificate[] certificates = ssl.engine().getSession().getPeerCertificates();
			X509Certificate[] x509 = new X509Certificate[certificates.length];
			for (int i = 0; i < certificates.length; i++) {
				if (!(certificates[i] instanceof X509Certificate certificate)) {
					return null;
				}
				x509[i] = certificate;
			}
			return x509;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

	@Override
	public Map<String, Object> attributes() {
		if (this.attributes == null) {
			this.attributes = new HashMap<>();
		}
		return this.attributes;
	}

	/**
	 * Parse a query the way Spring's {@code ServerHttpRequest.getQueryParams()} reads it:
	 * each run of characters other than {@code &} and {@code =} is a name, optionally
	 * followed by {@code =} and a value that runs to the next {@code &}; names and values
	 * URL-decoded as UTF-8; a name without {@code =} has no value; the first value of a
	 * name counts.
	 */
	private static Map<String, String> parse(String query) {
		Map<String, String> parameters = new HashMap<>();
		Matcher matcher = QUERY.matcher(query);
		while (matcher.find()) {
			String value = matcher.group(3);
			first(parameters, decode(matcher.group(1)),
					(value != null) ? decode(value) : (matcher.group(2).isEmpty() ? null : ""));
		}
		return parameters;
	}

	private static void first(Map<String, String> parameters, String name, String value) {
		if (!parameters.containsKey(name)) {
			parameters.put(name, value);
		}
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
