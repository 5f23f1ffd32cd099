package dev.mesh.policy.document;

import java.util.List;
import java.util.regex.Pattern;

import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.InvalidSpiffeIdException;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.AccessRule;

/**
 * Checks an access policy: a SPIFFE ID (or a prefix of one ending in '*') for every
 * principal, a namespace name for every namespace, HTTP methods, paths that can be
 * matched against a normalized request path, and header names.
 */
final class AccessPolicyValidator extends TrafficValidator {

	private static final String PRINCIPAL_RULE = "must be '*', a SPIFFE ID "
			+ "(spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>) or the start of one ending in '*', "
			+ "such as spiffe://cluster.local/ns/shop/*";

	private static final Pattern PARTIAL_NAMESPACE = Pattern.compile("[a-z0-9-]*");

	private static final Pattern PARTIAL_SERVICE_ACCOUNT = Pattern.compile("[a-z0-9.-]*");

	AccessPolicyValidator(List<Violation> violations) {
		super(violations);
	}

	/**
	 * Check an access policy.
	 * @param spec the policy
	 * @param path its field path, such as {@code spec}
	 * @param serviceRequired whether the policy must name the service it protects
	 */
	void validate(AccessPolicySpec spec, String path, boolean serviceRequired) {
		if (serviceRequired || spec.getService() != null) {
			serviceName(spec.getService(), path + ".service");
		}
		if (spec.getAction() == null) {
			reject(path + ".action", "is required: ALLOW or DENY");
		}
		List<AccessRule> rules = spec.getRules();
		for (int i = 0; i < rules.size(); i++) {
			rule(rules.get(i), path + ".rules[" + i + "]");
		}
	}

	private void rule(AccessRule rule, String path) {
		if (rule.getFrom() != null) {
			List<String> principals = rule.getFrom().getPrincipals();
			for (int p = 0; p < principals.size(); p++) {
				if (!isPrincipal(principals.get(p))) {
					reject(path + ".from.principals[" + p + "]", PRINCIPAL_RULE);
				}
			}
			List<String> namespaces = rule.getFrom().getNamespaces();
			for (int n = 0; n < namespaces.size(); n++) {
				if (!SpiffeId.isNamespace(namespaces.get(n))) {
					reject(path + ".from.namespaces[" + n + "]",
							"is not a valid namespace: it " + SpiffeId.namespaceRule());
				}
			}
		}
		if (rule.getTo() != null) {
			methods(rule.getTo().getMethods(), path + ".to.methods");
			List<String> targets = rule.getTo().getPaths();
			for (int t = 0; t < targets.size(); t++) {
				String problem = pathProblem(targets.get(t));
				if (problem != null) {
					reject(path + ".to.paths[" + t + "]", problem);
				}
			}
		}
		headers(rule.getWhen(), path + ".when");
	}

	/**
	 * Whether a text is a principal of a rule: {@code *}, a SPIFFE ID, or the start of
	 * one followed by {@code *}.
	 */
	static boolean isPrincipal(String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		if (!text.endsWith("*")) {
			try {
				SpiffeId.parse(text);
				return true;
			}
			catch (InvalidSpiffeIdException ex) {
				return false;
			}
		}
		String prefix = text.substring(0, text.length() - 1);
		if (prefix.isEmpty()) {
			return true;
		}
		if (!prefix.startsWith("spiffe://") || prefix.indexOf('*') >= 0) {
			return false;
		}
		String rest = prefix.substring("spiffe://".length());
		int slash = rest.indexOf('/');
		if (slash < 0 || !SpiffeId.isTrustDomain(rest.substring(0, slash))) {
			return false;
		}
		String[] segments = rest.substring(slash + 1).split("/", -1);
		return switch (segments.length) {
			// spiffe://td/ : the whole trust domain
			case 1 -> segments[0].isEmpty();
			// spiffe://td/ns/<start of a namespace>
			case 2 -> "ns".equals(segments[0]) && PARTIAL_NAMESPACE.matcher(segments[1]).matches();
			// spiffe://td/ns/<namespace>/
			case 3 -> "ns".equals(segments[0]) && SpiffeId.isNamespace(segments[1]) && segments[2].isEmpty();
			// spiffe://td/ns/<namespace>/sa/<start of a service account>
			case 4 -> "ns".equals(segments[0]) && SpiffeId.isNamespace(segments[1]) && "sa".equals(segments[2])
					&& PARTIAL_SERVICE_ACCOUNT.matcher(segments[3]).matches();
			default -> false;
		};
	}

	/**
	 * Return why a text cannot be a path of a rule, or {@code null} when it can: it must
	 * be a normalized path (the form requests are matched in), with {@code *} only at its
	 * end.
	 */
	static String pathProblem(String path) {
		if (path == null || !path.startsWith("/")) {
			return "must start with '/'";
		}
		int star = path.indexOf('*');
		if (star >= 0 && star != path.length() - 1) {
			return "may contain '*' only as its last character";
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c <= ' ' || c == 0x7f || "?#%;\\".indexOf(c) >= 0) {
				return "must not contain spaces, control characters, '?', '#', '%', ';' or '\\': "
						+ "paths are matched decoded and without parameters";
			}
		}
		String plain = (star >= 0) ? path.substring(0, star) : path;
		if (plain.length() > 1 && plain.endsWith("/") && star < 0) {
			return "must not end with '/': requests are matched without their trailing '/'";
		}
		String[] segments = plain.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			boolean last = i == segments.length - 1;
			if (segments[i].isEmpty() && !last) {
				return "must not contain '//': requests are matched with repeated '/' merged";
			}
			if ((segments[i].equals(".") || segments[i].equals("..")) && !(last && star >= 0)) {
				return "must not contain '.' or '..' segments: requests are matched with them resolved";
			}
		}
		return null;
	}

}
