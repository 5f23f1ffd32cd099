package dev.mesh.policy.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may call a service.
 */
public class AccessPolicySpec {

	/**
	 * Service the policy protects.
	 */
	private String service;

	/**
	 * Whether matching requests are allowed or denied.
	 */
	private AccessAction action;

	/**
	 * Whether to only log what the policy would deny instead of denying it.
	 */
	private boolean audit = false;

	/**
	 * Rules; a request matching any of them gets the action.
	 */
	private List<AccessRule> rules = new ArrayList<>();

	public String getService() {
		return this.service;
	}

	public void setService(String service) {
		this.service = service;
	}

	public AccessAction getAction() {
		return this.action;
	}

	public void setAction(AccessAction action) {
		this.action = action;
	}

	public boolean isAudit() {
		return this.audit;
	}

	public void setAudit(boolean audit) {
		this.audit = audit;
	}

	public List<AccessRule> getRules() {
		return this.rules;
	}

	public void setRules(List<AccessRule> rules) {
		this.rules = rules;
	}

}
