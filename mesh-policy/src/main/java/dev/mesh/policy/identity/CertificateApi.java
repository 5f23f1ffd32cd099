package dev.mesh.policy.identity;

/**
 * Paths and names of the control service's certificate authority, shared by the server
 * and its clients.
 */
public final class CertificateApi {

	/**
	 * {@code POST} a {@link CertificateRequest} with the workload's credential as a
	 * bearer token (a join token, or on Kubernetes the pod's service-account token); the
	 * answer is a {@link CertificateResponse}.
	 */
	public static final String CERTIFICATES = "/v1/certificates";

	/**
	 * Join tokens (admin token): {@code POST} a {@link JoinTokenRequest} to mint one,
	 * {@code GET} to list them without their secrets.
	 */
	public static final String JOIN_TOKENS = "/v1/join-tokens";

	/**
	 * One join token by its id: {@code DELETE} revokes it.
	 */
	public static final String JOIN_TOKEN = JOIN_TOKENS + "/{id}";

	/**
	 * {@code GET}, unauthenticated: the root certificates workloads trust, as PEM.
	 */
	public static final String TRUST_BUNDLE = "/v1/trust-bundle";

	/**
	 * Media type of PEM answers.
	 */
	public static final String PEM_MEDIA_TYPE = "application/x-pem-file";

	/**
	 * Prefix of every join token; anything else presented to {@link #CERTIFICATES} is
	 * taken for a Kubernetes service-account token.
	 */
	public static final String JOIN_TOKEN_PREFIX = "join.";

	/**
	 * Namespace of the control service's own identity.
	 */
	public static final String CONTROL_SERVICE_NAMESPACE = "mesh-system";

	/**
	 * Service account of the control service's own identity; no workload can be issued
	 * it.
	 */
	public static final String CONTROL_SERVICE_ACCOUNT = "mesh-control-service";

	private CertificateApi() {
	}

	/**
	 * Return the identity of the control service in a trust domain, the SPIFFE ID of its
	 * serving certificate.
	 * @param trustDomain the trust domain
	 * @return the control service's SPIFFE ID
	 */
	public static SpiffeId controlServiceId(String trustDomain) {
		return new SpiffeId(trustDomain, CONTROL_SERVICE_NAMESPACE, CONTROL_SERVICE_ACCOUNT);
	}

}
