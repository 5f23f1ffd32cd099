package dev.mesh.mtls;

import java.util.Set;

import dev.mesh.policy.identity.SpiffeId;

/**
 * The identities a server at an address may have: those of the mesh destinations known
 * there.
 */
@FunctionalInterface
interface ExpectedPeers {

	/**
	 * Return the identities expected of the server at an address.
	 * @param host the host the connection was made to, as in the request's URI
	 * @param port the port
	 * @return the identities, empty when no mesh destination is known there
	 */
	Set<SpiffeId> expected(String host, int port);

}
