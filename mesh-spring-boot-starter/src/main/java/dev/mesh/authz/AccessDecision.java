package dev.mesh.authz;

/**
 * What the access policies decided about one request.
 *
 * @param outcome allowed, denied, or allowed although an audited policy would deny it
 * @param policy name of the policy that decided, or one of {@link #NO_POLICY},
 * {@link #DEFAULT_DENY}, {@link #PEER_IDENTITY} and {@link #BAD_PATH}
 * @param reason why a request is (or would be) refused, shown to the caller; {@code null}
 * when allowed
 */
record AccessDecision(Outcome outcome, String policy, Reason reason) {

	/**
	 * No policy decided: none is in force, or none of the deny policies matched and no
	 * allow policy exists.
	 */
	static final String NO_POLICY = "none";

	/**
	 * Allow policies exist and none of them matched.
	 */
	static final String DEFAULT_DENY = "default-deny";

	/**
	 * The caller's certificate is not a valid identity of the mesh.
	 */
	static final String PEER_IDENTITY = "peer-identity";

	/**
	 * The request path cannot be normalized safely.
	 */
	static final String BAD_PATH = "bad-path";

	static final AccessDecision ALLOW_WITHOUT_POLICY = new AccessDecision(Outcome.ALLOW, NO_POLICY, null);

	boolean allowed() {
		return this.outcome != Outcome.DENY;
	}

	/**
	 * What happened to a request.
	 */
	enum Outcome {

		/**
		 * Allowed.
		 */
		ALLOW("allow"),

		/**
		 * Denied.
		 */
		DENY("deny"),

		/**
		 * Allowed, but an audited policy would have denied it.
		 */
		AUDIT_DENY("audit-deny");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

	/**
	 * Why a request is refused, as the caller is told: never which policy or rule.
	 */
	enum Reason {

		/**
		 * A deny policy matched.
		 */
		DENIED(403, "denied", "an access policy denies this request"),

		/**
		 * Allow policies exist and none matched.
		 */
		NOT_ALLOWED(403, "not-allowed", "no access policy allows this request"),

		/**
		 * The client certificate is not a valid identity.
		 */
		PEER_IDENTITY(403, "peer-identity", "the client certificate is not a valid identity of this mesh"),

		/**
		 * The path cannot be normalized safely.
		 */
		BAD_PATH(400, "bad-path", "the request path cannot be normalized safely");

		private final int status;

		private final String code;

		private final String detail;

		Reason(int status, String code, String detail) {
			this.status = status;
			this.code = code;
			this.detail = detail;
		}

		int status() {
			return this.status;
		}

		String code() {
			return this.code;
		}

		String detail() {
			return this.detail;
		}

	}

}
