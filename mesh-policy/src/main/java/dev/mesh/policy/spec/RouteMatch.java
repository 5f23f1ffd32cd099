package dev.mesh.policy.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditions a request must all meet to take a route.
 */
public class RouteMatch {

	/**
	 * Path prefix the request path must start with.
	 */
	private String pathPrefix;

	/**
	 * Exact path the request path must equal.
	 */
	private String path;

	/**
	 * HTTP methods, any of which the request must use.
	 */
	private List<String> methods = new ArrayList<>();

	/**
	 * Headers the request must carry with exactly these values.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	public String getPathPrefix() {
		return this.pathPrefix;
	}

	public void setPathPrefix(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getMethods() {
		return this.methods;
	}

	public void setMethods(List<String> methods) {
		this.methods = methods;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

}
