package dev.mesh.resilience;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header: delay seconds or an HTTP date.
 */
final class RetryAfter {

	private static final long MAX_SECONDS = 86_400;

	private RetryAfter() {
	}

	/**
	 * Read the header.
	 * @param value the header value, may be {@code null}
	 * @return the delay it asks for, {@code null} when there is none or it is invalid
	 */
	static Duration parse(String value) {
		if (value == null || value.isBlank() || value.length() > 64) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return (trimmed.length() <= 6) ? Duration.ofSeconds(Math.min(Long.parseLong(trimmed), MAX_SECONDS)) : null;
		}
		try {
			Duration until = Duration.between(ZonedDateTime.now(),
					ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
