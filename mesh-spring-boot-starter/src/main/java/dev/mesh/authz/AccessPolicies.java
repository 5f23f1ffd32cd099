package dev.mesh.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.mesh.authz.AccessDecision.Outcome;
import dev.mesh.authz.AccessDecision.Reason;
import dev.mesh.policy.spec.AccessAction;
import dev.mesh.policy.spec.AccessPolicySpec;

/**
 * The access policies of a workload, compiled for matching: deny policies first, then
 * allow policies; once an allow policy exists, whatever none allows is denied; no policy
 * means everything is allowed. Audited policies never change the outcome: when the
 * policies in force allow a request that all policies together would deny, the outcome is
 * {@link Outcome#AUDIT_DENY}. Immutable.
 */
final class AccessPolicies {

	static final AccessPolicies NONE = new AccessPolicies(List.of(), List.of(), false);

	private final List<AccessPolicy> enforced;

	private final List<AccessPolicy> all;

	private final boolean caseInsensitive;

	private AccessPolicies(List<AccessPolicy> enforced, List<AccessPolicy> all, boolean caseInsensitive) {
		this.enforced = enforced;
		this.all = all;
		this.caseInsensitive = caseInsensitive;
	}

	/**
	 * Compile access policies that passed validation.
	 * @param specs the policies by name
	 * @param caseInsensitive whether paths match regardless of case
	 * @return the compiled policies
	 */
	static AccessPolicies compile(Map<String, AccessPolicySpec> specs, boolean caseInsensitive) {
		List<AccessPolicy> enforced = new ArrayList<>();
		List<AccessPolicy> all = new ArrayList<>();
		new TreeMap<>(specs).forEach((name, spec) -> {
			AccessPolicy policy = AccessPolicy.of(name, spec, caseInsensitive);
			all.add(policy);
			if (!policy.audit()) {
				enforced.add(policy);
			}
		});
		return new AccessPolicies(List.copyOf(enforced), List.copyOf(all), caseInsensitive);
	}

	/**
	 * Whether there is any policy, audited or not.
	 * @return whether there is one
	 */
	boolean isEmpty() {
		return this.all.isEmpty();
	}

	boolean caseInsensitive() {
		return this.caseInsensitive;
	}

	List<AccessPolicy> policies() {
		return this.all;
	}

	/**
	 * Decide about a request.
	 * @param request the request
	 * @return the decision
	 */
	AccessDecision decide(AccessRequest request) {
		AccessDecision inForce = decide(request, this.enforced);
		if (!inForce.allowed() || this.enforced.size() == this.all.size()) {
			return inForce;
		}
		AccessDecision audited = decide(request, this.all);
		return audited.allowed() ? inForce : new AccessDecision(Outcome.AUDIT_DENY, audited.policy(), audited.reason());
	}

	private static AccessDecision decide(AccessRequest request, List<AccessPolicy> policies) {
		if (policies.isEmpty()) {
			return AccessDecision.ALLOW_WITHOUT_POLICY;
		}
		if (request.path() == null) {
			return new AccessDecision(Outcome.DENY, AccessDecision.BAD_PATH, Reason.BAD_PATH);
		}
		if (request.peer().rejected()) {
			return new AccessDecision(Outcome.DENY, AccessDecision.PEER_IDENTITY, Reason.PEER_IDENTITY);
		}
		for (AccessPolicy policy : policies) {
			if (policy.action() == AccessAction.DENY && policy.matches(request)) {
				return new AccessDecision(Outcome.DENY, policy.name(), Reason.DENIED);
			}
		}
		boolean allowPolicies = false;
		for (AccessPolicy policy : policies) {
			if (policy.action() == AccessAction.ALLOW) {
				if (policy.matches(request)) {
					return new AccessDecision(Outcome.ALLOW, policy.name(), null);
				}
				allowPolicies = true;
			}
		}
		return allowPolicies ? new AccessDecision(Outcome.DENY, AccessDecision.DEFAULT_DENY, Reason.NOT_ALLOWED)
				: AccessDecision.ALLOW_WITHOUT_POLICY;
	}

	/**
	 * Normalize a raw request path as these policies match it.
	 * @param rawPath the path as sent
	 * @return the normalized path, {@code null} when it cannot be normalized
	 */
	String normalize(String rawPath) {
		return PathNormalizer.normalize(rawPath, this.caseInsensitive);
	}

	static String lowerCase(String text, boolean caseInsensitive) {
		return caseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
	}

}
