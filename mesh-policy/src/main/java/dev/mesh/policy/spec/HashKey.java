package dev.mesh.policy.spec;

/**
 * The request attribute that consistent hashing keys on; exactly one is set.
 */
public class HashKey {

	/**
	 * Name of the header to hash.
	 */
	private String header;

	/**
	 * Name of the cookie to hash.
	 */
	private String cookie;

	/**
	 * Name of the query parameter to hash.
	 */
	private String queryParameter;

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public String getCookie() {
		return this.cookie;
	}

	public void setCookie(String cookie) {
		this.cookie = cookie;
	}

	public String getQueryParameter() {
		return this.queryParameter;
	}

	public void setQueryParameter(String queryParameter) {
		this.queryParameter = queryParameter;
	}

}
