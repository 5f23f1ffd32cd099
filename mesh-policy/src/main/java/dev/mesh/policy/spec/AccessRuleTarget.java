package dev.mesh.policy.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which requests a rule applies to; empty lists match any request.
 */
public class AccessRuleTarget {

	/**
	 * HTTP methods.
	 */
	private List<String> methods = new ArrayList<>();

	/**
	 * Paths; a trailing '*' matches any suffix.
	 */
	private List<String> paths = new ArrayList<>();

	public List<String> getMethods() {
		return this.methods;
	}

	public void setMethods(List<String> methods) {
		this.methods = methods;
	}

	public List<String> getPaths() {
		return this.paths;
	}

	public void setPaths(List<String> paths) {
		this.paths = paths;
	}

}
