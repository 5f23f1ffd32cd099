package dev.mesh.authz;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Problem details (RFC 9457) of refused requests, from fixed texts only: they name the
 * reason, never the policy or rule.
 */
final class AuthorizationProblems {

	static final String CONTENT_TYPE = "application/problem+json";

	private static final Map<AccessDecision.Reason, byte[]> BODIES = new EnumMap<>(AccessDecision.Reason.class);

	static {
		for (AccessDecision.Reason reason : AccessDecision.Reason.values()) {
			String title = (reason.status() == 400) ? "Bad Request" : "Forbidden";
			BODIES.put(reason,
					("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + reason.status()
							+ ",\"detail\":\"" + reason.detail() + "\",\"reason\":\"" + reason.code() + "\"}")
						.getBytes(StandardCharsets.UTF_8));
		}
	}

	private AuthorizationProblems() {
	}

	static byte[] body(AccessDecision.Reason reason) {
		return BODIES.get(reason);
	}

}
