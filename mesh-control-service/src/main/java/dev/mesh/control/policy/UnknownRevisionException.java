package dev.mesh.control.policy;

import dev.mesh.control.policy.store.PolicyKey;

/**
 * A rollback named a revision the policy never had.
 */
class UnknownRevisionException extends RuntimeException {

	UnknownRevisionException(PolicyKey key, long resourceVersion) {
		super(key + " has no revision with resourceVersion " + resourceVersion);
	}

}
