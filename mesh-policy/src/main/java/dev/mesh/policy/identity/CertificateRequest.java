package dev.mesh.policy.identity;

/**
 * A workload asks for its certificate. The identity in the certificate is the one its
 * credential entitles it to, never a name taken from the request.
 *
 * @param csr PKCS#10 certificate signing request in PEM ({@code CERTIFICATE REQUEST}),
 * signed with the workload's ECDSA P-256 key; it may carry no subject alternative name or
 * exactly the entitled SPIFFE ID
 */
public record CertificateRequest(String csr) {

}
