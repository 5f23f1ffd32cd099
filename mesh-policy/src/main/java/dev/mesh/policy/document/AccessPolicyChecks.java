package dev.mesh.policy.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.AccessPolicySpec;

/**
 * The checks of an {@code AccessPolicy} document, applied to access policies as a
 * workload binds them ({@code mesh.inbound.access[<name>]}), whether pushed or written in
 * the application's own configuration. Violations name the property.
 */
public final class AccessPolicyChecks {

	/**
	 * Property prefix of the access policies protecting a workload.
	 */
	public static final String PREFIX = WorkloadSnapshots.PREFIX + ".inbound.access";

	private AccessPolicyChecks() {
	}

	/**
	 * Check the access policies of a workload. The {@code service} of each may be left
	 * out: every policy a workload binds protects the workload itself.
	 * @param access the policies by name
	 * @return the violations, empty when every policy is valid
	 */
	public static List<Violation> check(Map<String, AccessPolicySpec> access) {
		List<Violation> violations = new ArrayList<>();
		AccessPolicyValidator validator = new AccessPolicyValidator(violations);
		access.forEach((name, spec) -> validator.validate(spec, PREFIX + "[" + name + "]", false));
		return violations;
	}

}
