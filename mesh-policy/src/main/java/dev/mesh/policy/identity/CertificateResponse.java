package dev.mesh.policy.identity;

import java.time.Instant;

/**
 * A certificate issued to a workload.
 *
 * @param spiffeId the identity in the certificate, its only URI SAN
 * @param serialNumber serial number, in hexadecimal
 * @param notBefore start of validity (a little before issue, for clock skew)
 * @param notAfter end of validity; renew at half-life
 * @param certificateChain PEM: the workload certificate, then the intermediate CA
 * certificates up to (not including) the root
 * @param trustBundle PEM: the root certificates peers' chains must lead to
 */
public record CertificateResponse(String spiffeId, String serialNumber, Instant notBefore, Instant notAfter,
		String certificateChain, String trustBundle) {

}
