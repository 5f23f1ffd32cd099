package dev.mesh.loadbalancer;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads the value of a consistent-hashing key from the request being balanced.
 */
@FunctionalInterface
public interface HashKeyValues {

	/**
	 * No request attributes: consistent hashing falls back to a random instance.
	 */
	HashKeyValues NONE = (key) -> null;

	/**
	 * Return the value of a key in the request.
	 * @param key the key
	 * @return its value, {@code null} when the request does not carry it
	 */
	String value(RequestHashKey key);

	/**
	 * Read keys from an HTTP request, only when asked (nothing is parsed for destinations
	 * that do not hash).
	 * @param headers the request headers, may be {@code null}
	 * @param uri the request URI, may be {@code null}
	 * @param cookies cookies already parsed from the request, may be {@code null}; the
	 * {@code Cookie} header is read when they do not hold the key
	 * @return the values
	 */
	static HashKeyValues of(HttpHeaders headers, URI uri, MultiValueMap<String, String> cookies) {
		return (key) -> switch (key.source()) {
			case HEADER -> (headers != null) ? headers.getFirst(key.name()) : null;
			case COOKIE -> cookie(headers, cookies, key.name());
			case QUERY_PARAMETER -> (uri != null && uri.getRawQuery() != null)
					? UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(key.name()) : null;
		};
	}

	private static String cookie(HttpHeaders headers, MultiValueMap<String, String> cookies, String name) {
		if (cookies != null && cookies.getFirst(name) != null) {
			return cookies.getFirst(name);
		}
		List<String> values = (headers != null) ? headers.get(HttpHeaders.COOKIE) : null;
		if (values == null) {
			return null;
		}
		for (String header : values) {
			for (String pair : header.split(";")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
					return pair.substring(equals + 1).trim();
				}
			}
		}
		return null;
	}

}
