package dev.mesh.actuate;

import java.time.Instant;

import dev.mesh.identity.MeshIdentity;

/**
 * This workload's identity: its SPIFFE ID and certificate.
 *
 * @param spiffeId the SPIFFE ID, {@code null} when the identity is disabled
 * @param serialNumber serial number of the current certificate, in hexadecimal
 * @param notAfter end of validity of the current certificate
 * @param state {@code VALID}, {@code EXPIRING} (less than 30% of its lifetime left),
 * {@code EXPIRED}, {@code NONE} (no certificate yet) or {@code DISABLED}
 * @param lastError why the last attempt to obtain a certificate failed
 */
public record IdentityDescriptor(String spiffeId, String serialNumber, Instant notAfter, String state,
		String lastError) {

	static final IdentityDescriptor DISABLED = new IdentityDescriptor(null, null, null, "DISABLED", null);

	static IdentityDescriptor of(MeshIdentity identity) {
		if (identity == null) {
			return DISABLED;
		}
		MeshIdentity.Credential current = identity.current();
		return new IdentityDescriptor(identity.spiffeId().toString(), (current != null) ? current.serialNumber() : null,
				(current != null) ? current.notAfter() : null, identity.state().name(), identity.lastError());
	}

}
