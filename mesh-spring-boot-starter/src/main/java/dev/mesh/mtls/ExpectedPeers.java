package dev.mesh.mtls;

import java.util.Set;

import dev.mesh.policy.identity.SpiffeId;

/**
 * The identities a server at an address may have: those of the mesh destination known
 * there.
 */
@FunctionalInterface
interface ExpectedPeers {

	/**
	 * Return the identities expected of the server at an address.
	 * @param host the host the connection was made to, as in the request's URI
	 * @param port the port
	 * @return the identities, or none with the reason
	 */
	Expected expected(String host, int port);

	/**
	 * What is expected of a server.
	 *
	 * @param identities the identities it may have, empty when none is acceptable
	 * @param reason why none is, for the refusal: {@code unknown-destination} or
	 * {@code ambiguous-destination}
	 * @param detail the refusal's message
	 */
	record Expected(Set<SpiffeId> identities, String reason, String detail) {

		static final Expected UNKNOWN = new Expected(Set.of(), "unknown-destination",
				"no mesh destination is known there");

		static Expected of(Set<SpiffeId> identities) {
			return new Expected(Set.copyOf(identities), null, null);
		}

	}

}
