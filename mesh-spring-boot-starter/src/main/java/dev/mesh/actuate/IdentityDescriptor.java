package dev.mesh.actuate;

import java.time.Instant;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.mtls.ServerMtls;

/**
 * This workload's identity: its SPIFFE ID and certificate.
 *
 * @param spiffeId the SPIFFE ID, {@code null} when the identity is disabled
 * @param serialNumber serial number of the current certificate, in hexadecimal
 * @param notAfter end of validity of the current certificate
 * @param state {@code VALID}, {@code EXPIRING} (less than 30% of its lifetime left),
 * {@code EXPIRED}, {@code NONE} (no certificate yet) or {@code DISABLED}
 * @param lastError why the last attempt to obtain a certificate failed
 * @param mode the mutual TLS mode the server runs in: {@code STRICT}, {@code PERMISSIVE}
 * or {@code DISABLED}
 */
public record IdentityDescriptor(String spiffeId, String serialNumber, Instant notAfter, String state, String lastError,
		String mode) {

	static IdentityDescriptor of(MeshIdentity identity, ServerMtls mtls) {
		String mode = (mtls != null) ? mtls.mode().name() : "DISABLED";
		if (identity == null) {
			return new IdentityDescriptor(null, null, null, "DISABLED", null, mode);
		}
		MeshIdentity.Credential current = identity.current();
		return new IdentityDescriptor(identity.spiffeId().toString(), (current != null) ? current.serialNumber() : null,
				(current != null) ? current.notAfter() : null, identity.state().name(), identity.lastError(), mode);
	}

}
