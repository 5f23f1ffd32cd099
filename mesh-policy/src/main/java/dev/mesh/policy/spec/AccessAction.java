package dev.mesh.policy.spec;

/**
 * What an access policy does with the requests its rules match.
 */
public enum AccessAction {

	/**
	 * Matching requests are allowed; once any allow policy exists everything else is
	 * denied.
	 */
	ALLOW,

	/**
	 * Matching requests are denied; deny policies are checked first.
	 */
	DENY

}
