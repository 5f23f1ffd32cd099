package dev.mesh.loadbalancer;

import dev.mesh.policy.spec.HashKey;

/**
 * The request attribute that consistent hashing keys on.
 *
 * @param source where the key is read from
 * @param name name of the header, cookie or query parameter
 */
public record RequestHashKey(Source source, String name) {

	static RequestHashKey of(HashKey hash) {
		if (hash == null) {
			return null;
		}
		if (hash.getHeader() != null) {
			return new RequestHashKey(Source.HEADER, hash.getHeader());
		}
		if (hash.getCookie() != null) {
			return new RequestHashKey(Source.COOKIE, hash.getCookie());
		}
		return (hash.getQueryParameter() != null) ? new RequestHashKey(Source.QUERY_PARAMETER, hash.getQueryParameter())
				: null;
	}

	@Override
	public String toString() {
		return this.source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ":" + this.name;
	}

	/**
	 * Where a hash key is read from.
	 */
	public enum Source {

		/**
		 * A request header.
		 */
		HEADER,

		/**
		 * A cookie.
		 */
		COOKIE,

		/**
		 * A query parameter.
		 */
		QUERY_PARAMETER

	}

}
