package dev.mesh.resilience;

import java.nio.charset.StandardCharsets;

/**
 * Problem details (RFC 9457) the inbound filters answer with, from fixed texts only.
 */
final class Problems {

	static final String CONTENT_TYPE = "application/problem+json";

	static final byte[] TOO_MANY_REQUESTS = body(429, "Too Many Requests", "rate limit exceeded");

	static final byte[] DEADLINE_EXCEEDED = body(504, "Deadline exceeded",
			"the request's deadline (" + MeshDeadline.HEADER + ") passed before it was answered");

	private Problems() {
	}

	private static byte[] body(int status, String title, String detail) {
		return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
