package dev.mesh.authz;

import java.util.List;

/**
 * Authorization of this workload's inbound requests, as {@code /actuator/mesh} shows it.
 *
 * @param enabled whether callers are identified and access policies enforced
 * @param trustDomain trust domain callers must belong to
 * @param caseInsensitivePaths whether policy paths match regardless of case
 * @param policies the access policies in force
 * @param decisions decisions made since startup, by outcome and deciding policy
 * @param lastError why the last policy change was not applied
 */
public record AuthorizationDescriptor(boolean enabled, String trustDomain, boolean caseInsensitivePaths,
		List<Policy> policies, List<Decisions> decisions, String lastError) {

	/**
	 * Shown when authorization is switched off.
	 */
	public static final AuthorizationDescriptor DISABLED = new AuthorizationDescriptor(false, null, false, List.of(),
			List.of(), null);

	/**
	 * One access policy.
	 *
	 * @param name its name
	 * @param action {@code ALLOW} or {@code DENY}
	 * @param audit whether it is only audited
	 * @param rules how many rules it has
	 */
	public record Policy(String name, String action, boolean audit, int rules) {

	}

	/**
	 * How many requests got one decision.
	 *
	 * @param decision {@code allow}, {@code deny} or {@code audit-deny}
	 * @param policy the deciding policy, or {@code none}, {@code default-deny},
	 * {@code peer-identity}, {@code bad-path}
	 * @param count the number of requests
	 */
	public record Decisions(String decision, String policy, long count) {

	}

}
