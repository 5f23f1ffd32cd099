package dev.mesh.policy.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Who a rule applies to; empty lists match anyone.
 */
public class AccessRuleSource {

	/**
	 * SPIFFE IDs of callers.
	 */
	private List<String> principals = new ArrayList<>();

	/**
	 * Namespaces of callers.
	 */
	private List<String> namespaces = new ArrayList<>();

	public List<String> getPrincipals() {
		return this.principals;
	}

	public void setPrincipals(List<String> principals) {
		this.principals = principals;
	}

	public List<String> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(List<String> namespaces) {
		this.namespaces = namespaces;
	}

}
