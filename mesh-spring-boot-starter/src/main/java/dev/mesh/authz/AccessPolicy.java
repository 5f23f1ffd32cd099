package dev.mesh.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mesh.policy.spec.AccessAction;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.AccessRule;

/**
 * One compiled access policy: a request gets the policy's action when any of its rules
 * matches. A rule matches when its {@code from}, {@code to} and {@code when} all do; what
 * a rule leaves empty matches anything, and a policy without rules matches nothing.
 *
 * @param name the policy's name, {@code namespace/name} when pushed
 * @param action what a match means
 * @param audit whether the policy is only audited
 * @param rules the rules
 */
record AccessPolicy(String name, AccessAction action, boolean audit, List<Rule> rules) {

	static AccessPolicy of(String name, AccessPolicySpec spec, boolean caseInsensitive) {
		List<Rule> rules = new ArrayList<>();
		for (AccessRule rule : spec.getRules()) {
			rules.add(Rule.of(rule, caseInsensitive));
		}
		return new AccessPolicy(name, spec.getAction(), spec.isAudit(), List.copyOf(rules));
	}

	boolean matches(AccessRequest request) {
		for (Rule rule : this.rules) {
			if (rule.matches(request)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One compiled rule.
	 *
	 * @param principals SPIFFE IDs, or prefixes of them ending in '*'
	 * @param namespaces namespaces of callers
	 * @param methods HTTP methods
	 * @param paths exact paths, or prefixes ending in '*'
	 * @param when header values by header name
	 */
	record Rule(List<String> principals, Set<String> namespaces, Set<String> methods, List<String> paths,
			Map<String, String> when) {

		static Rule of(AccessRule rule, boolean caseInsensitive) {
			List<String> principals = (rule.getFrom() != null) ? rule.getFrom().getPrincipals() : List.of();
			List<String> namespaces = (rule.getFrom() != null) ? rule.getFrom().getNamespaces() : List.of();
			List<String> methods = (rule.getTo() != null) ? rule.getTo().getMethods() : List.of();
			List<String> paths = (rule.getTo() != null) ? rule.getTo().getPaths() : List.of();
			Map<String, String> when = new LinkedHashMap<>(rule.getWhen());
			return new Rule(List.copyOf(principals), Set.copyOf(namespaces), Set.copyOf(methods),
					paths.stream().map((path) -> AccessPolicies.lowerCase(path, caseInsensitive)).toList(),
					Map.copyOf(when));
		}

		boolean matches(AccessRequest request) {
			return matchesCaller(request.peer().principal()) && matchesMethod(request.method())
					&& matchesPath(request.path()) && matchesHeaders(request);
		}

		private boolean matchesCaller(MeshPrincipal caller) {
			if (this.principals.isEmpty() && this.namespaces.isEmpty()) {
				return true;
			}
			if (caller == null) {
				return false;
			}
			if (!this.namespaces.isEmpty() && !this.namespaces.contains(caller.namespace())) {
				return false;
			}
			if (this.principals.isEmpty()) {
				return true;
			}
			String id = caller.getName();
			for (String principal : this.principals) {
				if (principal.endsWith("*") ? id.startsWith(principal.substring(0, principal.length() - 1))
						: id.equals(principal)) {
					return true;
				}
			}
			return false;
		}

		private boolean matchesMethod(String method) {
			// Servers answer HEAD with the GET handler: a rule about GET is about HEAD
			// too
			return this.methods.isEmpty() || this.methods.contains(method)
					|| ("HEAD".equals(method) && this.methods.contains("GET"));
		}

		private boolean matchesPath(String path) {
			if (this.paths.isEmpty()) {
				return true;
			}
			for (String pattern : this.paths) {
				if (matchesPath(pattern, path)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Match a normalized path: {@code /a} only itself; {@code /a/*} {@code /a} and
		 * everything below it; {@code /a*} every path starting with {@code /a}.
		 */
		static boolean matchesPath(String pattern, String path) {
			if (!pattern.endsWith("*")) {
				return path.equals(pattern);
			}
			String prefix = pattern.substring(0, pattern.length() - 1);
			if (path.startsWith(prefix)) {
				return true;
			}
			return prefix.length() > 1 && prefix.endsWith("/") && path.equals(prefix.substring(0, prefix.length() - 1));
		}

		private boolean matchesHeaders(AccessRequest request) {
			for (Map.Entry<String, String> condition : this.when.entrySet()) {
				List<String> values = request.headers().apply(condition.getKey());
				if (values.isEmpty() || !String.join(",", values).equals(condition.getValue())) {
					return false;
				}
			}
			return true;
		}

	}

}
