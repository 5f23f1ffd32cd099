package dev.mesh.resilience;

import java.util.List;

/**
 * The conditions a request is retried on, as a bit set: {@code connect-failure},
 * {@code reset}, {@code 5xx}, {@code 502}, {@code 503}, {@code 504}, {@code 429}.
 * {@code 5xx} also covers a reset connection and an attempt that timed out, as in Envoy;
 * a per-try timeout counts as a {@code 504} and as a {@code reset}.
 *
 * @param mask the conditions
 */
record RetryConditions(int mask) {

	static final int CONNECT_FAILURE = 1;

	static final int RESET = 1 << 1;

	static final int ANY_5XX = 1 << 2;

	static final int GATEWAY_502 = 1 << 3;

	static final int UNAVAILABLE_503 = 1 << 4;

	static final int TIMEOUT_504 = 1 << 5;

	static final int TOO_MANY_429 = 1 << 6;

	/**
	 * Conditions when no policy names any: a refused or reset connection, and 503.
	 */
	static final RetryConditions DEFAULTS = new RetryConditions(CONNECT_FAILURE | RESET | UNAVAILABLE_503);

	static RetryConditions of(List<String> names) {
		int mask = 0;
		for (String name : names) {
			mask |= switch (name) {
				case "connect-failure" -> CONNECT_FAILURE;
				case "reset" -> RESET;
				case "5xx" -> ANY_5XX;
				case "502" -> GATEWAY_502;
				case "503" -> UNAVAILABLE_503;
				case "504" -> TIMEOUT_504;
				case "429" -> TOO_MANY_429;
				default -> 0;
			};
		}
		return new RetryConditions(mask);
	}

	boolean matches(int status) {
		return switch (status) {
			case 429 -> has(TOO_MANY_429);
			case 502 -> has(GATEWAY_502 | ANY_5XX);
			case 503 -> has(UNAVAILABLE_503 | ANY_5XX);
			case 504 -> has(TIMEOUT_504 | ANY_5XX);
			default -> status >= 500 && status <= 599 && has(ANY_5XX);
		};
	}

	boolean matches(CallFailure failure) {
		return switch (failure) {
			case CONNECT_FAILURE -> has(CONNECT_FAILURE);
			case RESET -> has(RESET | ANY_5XX);
			case TIMEOUT -> has(RESET | ANY_5XX | TIMEOUT_504);
			default -> false;
		};
	}

	private boolean has(int conditions) {
		return (this.mask & conditions) != 0;
	}

}
