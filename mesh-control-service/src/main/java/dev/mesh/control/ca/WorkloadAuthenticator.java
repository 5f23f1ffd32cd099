package dev.mesh.control.ca;

import reactor.core.publisher.Mono;

import dev.mesh.policy.identity.SpiffeId;

/**
 * Turns a workload's bearer credential into the one identity it is entitled to.
 */
interface WorkloadAuthenticator {

	/**
	 * Return the kind of credential, tagging the issue metric.
	 * @return the kind, such as {@code join-token}
	 */
	String credentialType();

	/**
	 * Whether this authenticator handles the credential.
	 * @param token the bearer credential
	 * @return whether it does
	 */
	boolean supports(String token);

	/**
	 * Authenticate a credential.
	 * @param token the bearer credential
	 * @return the identity, or a {@link RequestRejectedException}
	 */
	Mono<SpiffeId> authenticate(String token);

}
