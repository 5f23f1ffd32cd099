package dev.mesh.policy.identity;

import java.util.regex.Pattern;

/**
 * The identity of a workload:
 * {@code spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>}, the only URI SAN
 * of its certificate. Parsing is strict: a lowercase scheme and trust domain, exactly the
 * {@code /ns/…/sa/…} path, no user info, port, query, fragment or percent-encoding, and
 * Kubernetes names (a DNS label for the namespace, a DNS subdomain for the service
 * account).
 *
 * @param trustDomain the trust domain, such as {@code cluster.local}
 * @param namespace the namespace, a DNS-1123 label
 * @param serviceAccount the service account, a DNS-1123 subdomain
 */
public record SpiffeId(String trustDomain, String namespace, String serviceAccount) {

	/**
	 * Longest SPIFFE ID, as the SPIFFE specification allows.
	 */
	public static final int MAX_LENGTH = 2048;

	/**
	 * Longest trust domain.
	 */
	public static final int MAX_TRUST_DOMAIN_LENGTH = 255;

	/**
	 * Longest namespace: a DNS label.
	 */
	public static final int MAX_NAMESPACE_LENGTH = 63;

	/**
	 * Longest service account: a DNS subdomain.
	 */
	public static final int MAX_SERVICE_ACCOUNT_LENGTH = 253;

	private static final String PREFIX = "spiffe://";

	private static final String FORM = "spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>";

	private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	public SpiffeId {
		check(isTrustDomain(trustDomain), "trust domain", trustDomain, trustDomainRule());
		check(isNamespace(namespace), "namespace", namespace, namespaceRule());
		check(isServiceAccount(serviceAccount), "service account", serviceAccount, serviceAccountRule());
	}

	/**
	 * Parse a SPIFFE ID.
	 * @param text the text, such as {@code spiffe://cluster.local/ns/shop/sa/catalog}
	 * @return the SPIFFE ID
	 * @throws InvalidSpiffeIdException if the text is not a SPIFFE ID of this mesh's form
	 */
	public static SpiffeId parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidSpiffeIdException("A SPIFFE ID is required: " + FORM);
		}
		if (text.length() > MAX_LENGTH) {
			throw invalid(text, "it is longer than " + MAX_LENGTH + " characters");
		}
		if (!text.startsWith(PREFIX)) {
			boolean caseOnly = text.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
			throw invalid(text, caseOnly ? "the scheme must be lowercase 'spiffe'" : "it must start with " + PREFIX);
		}
		for (char forbidden : new char[] { '?', '#', '%', '@' }) {
			if (text.indexOf(forbidden) >= 0) {
				throw invalid(text, forbiddenReason(forbidden));
			}
		}
		String rest = text.substring(PREFIX.length());
		int slash = rest.indexOf('/');
		String authority = (slash >= 0) ? rest.substring(0, slash) : rest;
		String path = (slash >= 0) ? rest.substring(slash) : "";
		if (authority.isEmpty()) {
			throw invalid(text, "the trust domain is missing");
		}
		if (authority.indexOf(':') >= 0) {
			throw invalid(text, "a port is not allowed");
		}
		if (!isTrustDomain(authority)) {
			throw invalid(text, "the trust domain " + trustDomainRule());
		}
		String[] segments = path.split("/", -1);
		if (segments.length != 5 || !segments[0].isEmpty() || !"ns".equals(segments[1]) || !"sa".equals(segments[3])) {
			throw invalid(text, "the path must be /ns/<namespace>/sa/<service-account>");
		}
		if (!isNamespace(segments[2])) {
			throw invalid(text, "the namespace " + namespaceRule());
		}
		if (!isServiceAccount(segments[4])) {
			throw invalid(text, "the service account " + serviceAccountRule());
		}
		return new SpiffeId(authority, segments[2], segments[4]);
	}

	/**
	 * Whether a text is a trust domain: lowercase letters, digits, {@code -} and
	 * {@code _} in dot-separated labels, at most {@value #MAX_TRUST_DOMAIN_LENGTH}
	 * characters.
	 * @param text the candidate
	 * @return whether it is a trust domain
	 */
	public static boolean isTrustDomain(String text) {
		return text != null && text.length() <= MAX_TRUST_DOMAIN_LENGTH && TRUST_DOMAIN.matcher(text).matches();
	}

	/**
	 * Whether a text is a namespace name (a DNS-1123 label).
	 * @param text the candidate
	 * @return whether it is a namespace name
	 */
	public static boolean isNamespace(String text) {
		return text != null && text.length() <= MAX_NAMESPACE_LENGTH && LABEL.matcher(text).matches();
	}

	/**
	 * Whether a text is a service account name (a DNS-1123 subdomain).
	 * @param text the candidate
	 * @return whether it is a service account name
	 */
	public static boolean isServiceAccount(String text) {
		return text != null && text.length() <= MAX_SERVICE_ACCOUNT_LENGTH && SUBDOMAIN.matcher(text).matches();
	}

	/**
	 * Return what a trust domain must be, for messages.
	 * @return the rule
	 */
	public static String trustDomainRule() {
		return "must be at most " + MAX_TRUST_DOMAIN_LENGTH
				+ " lowercase letters, digits, '-' and '_' in labels separated by '.', such as cluster.local";
	}

	/**
	 * Return what a namespace must be, for messages.
	 * @return the rule
	 */
	public static String namespaceRule() {
		return "must be at most " + MAX_NAMESPACE_LENGTH
				+ " lowercase letters, digits and '-', starting and ending with a letter or digit";
	}

	/**
	 * Return what a service account must be, for messages.
	 * @return the rule
	 */
	public static String serviceAccountRule() {
		return "must be at most " + MAX_SERVICE_ACCOUNT_LENGTH
				+ " lowercase letters, digits, '-' and '.', each '.'-separated part starting and ending with a letter or digit";
	}

	/**
	 * Whether this identity belongs to the given trust domain.
	 * @param domain the trust domain
	 * @return whether it does
	 */
	public boolean isMemberOf(String domain) {
		return this.trustDomain.equals(domain);
	}

	@Override
	public String toString() {
		return PREFIX + this.trustDomain + "/ns/" + this.namespace + "/sa/" + this.serviceAccount;
	}

	private static void check(boolean valid, String what, String value, String rule) {
		if (!valid) {
			throw new InvalidSpiffeIdException("Invalid " + what + " '" + shorten(value) + "': it " + rule);
		}
	}

	private static String forbiddenReason(char forbidden) {
		return switch (forbidden) {
			case '?' -> "a query is not allowed";
			case '#' -> "a fragment is not allowed";
			case '%' -> "percent-encoding is not allowed";
			default -> "user info is not allowed";
		};
	}

	private static InvalidSpiffeIdException invalid(String text, String reason) {
		return new InvalidSpiffeIdException(
				"'" + shorten(text) + "' is not a SPIFFE ID of the form " + FORM + ": " + reason);
	}

	private static String shorten(String text) {
		if (text == null) {
			return "null";
		}
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 120) ? printable : printable.substring(0, 120) + "…";
	}

}
