package dev.mesh.core;

import java.time.Instant;

import org.springframework.util.Assert;

import dev.mesh.policy.spec.MeshPolicy;

/**
 * The policy a workload runs with at one moment: every {@code mesh.*} policy property the
 * application sees, bound into the schema, with the version of the pushed snapshot among
 * them. Components build their own immutable state from it; the bound policy is never
 * modified after it is built and must not be modified by its readers either.
 *
 * @param policy the bound policy
 * @param version version of the installed snapshot, {@code -1} when there is none
 * @param source where the installed snapshot came from: {@value #APPLICATION} when there
 * is none, else {@value #CONTROL_SERVICE} or {@value #DISK_CACHE}
 * @param appliedAt when the installed snapshot was applied, or when the application's own
 * policy was bound when there is none
 */
public record AppliedPolicy(MeshPolicy policy, long version, String source, Instant appliedAt) {

	/**
	 * Source of a policy that only the application's own configuration sets.
	 */
	public static final String APPLICATION = "application";

	/**
	 * Source of a snapshot pushed by the control service.
	 */
	public static final String CONTROL_SERVICE = "control-service";

	/**
	 * Source of a snapshot read from the local disk cache at startup.
	 */
	public static final String DISK_CACHE = "disk-cache";

	public AppliedPolicy {
		Assert.notNull(policy, "'policy' must not be null");
		Assert.hasText(source, "'source' must not be empty");
		Assert.notNull(appliedAt, "'appliedAt' must not be null");
	}

}
