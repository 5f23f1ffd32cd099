package dev.mesh.control.workload;

/**
 * The shared workload token ({@code mesh.policy.workload-token}), accepted from callers
 * without a workload certificate when identity is not required.
 */
@FunctionalInterface
public interface WorkloadToken {

	/**
	 * Whether a presented bearer token is the workload token.
	 * @param presented the token
	 * @return whether it matches
	 */
	boolean matches(String presented);

}
