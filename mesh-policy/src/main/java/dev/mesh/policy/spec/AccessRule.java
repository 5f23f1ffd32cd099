package dev.mesh.policy.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule of an access policy: from whom, to what, and when.
 */
public class AccessRule {

	/**
	 * Callers the rule applies to.
	 */
	private AccessRuleSource from;

	/**
	 * Requests the rule applies to.
	 */
	private AccessRuleTarget to;

	/**
	 * Headers the request must carry with exactly these values.
	 */
	private final Map<String, String> when = new LinkedHashMap<>();

	public AccessRuleSource getFrom() {
		return this.from;
	}

	public void setFrom(AccessRuleSource from) {
		this.from = from;
	}

	public AccessRuleTarget getTo() {
		return this.to;
	}

	public void setTo(AccessRuleTarget to) {
		this.to = to;
	}

	public Map<String, String> getWhen() {
		return this.when;
	}

}
