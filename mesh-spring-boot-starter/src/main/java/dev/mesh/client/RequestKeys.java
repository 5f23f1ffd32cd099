package dev.mesh.client;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import dev.mesh.loadbalancer.HashKeyValues;

/**
 * Reads consistent-hashing keys from an outbound request, only when the destination
 * hashes (nothing is parsed otherwise).
 */
final class RequestKeys {

	private RequestKeys() {
	}

	static HashKeyValues of(HttpHeaders headers, URI uri, MultiValueMap<String, String> cookies) {
		return (key) -> switch (key.source()) {
			case HEADER -> headers.getFirst(key.name());
			case COOKIE -> cookie(headers, cookies, key.name());
			case QUERY_PARAMETER -> (uri.getRawQuery() != null)
					? UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(key.name()) : null;
		};
	}

	private static String cookie(HttpHeaders headers, MultiValueMap<String, String> cookies, String name) {
		if (cookies != null && cookies.getFirst(name) != null) {
			return cookies.getFirst(name);
		}
		List<String> values = headers.get(HttpHeaders.COOKIE);
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
