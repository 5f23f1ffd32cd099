package dev.mesh.policy.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mesh.policy.Violation;

/**
 * Checks a {@link Registration} field by field. The control service rejects a
 * registration with violations; the starter checks its own registration before sending it
 * so that a misconfigured app fails with the property to fix.
 */
public final class RegistrationValidator {

	/**
	 * Most metadata entries one instance may carry.
	 */
	public static final int MAX_METADATA_ENTRIES = 32;

	/**
	 * Longest metadata value.
	 */
	public static final int MAX_METADATA_VALUE_LENGTH = 256;

	private RegistrationValidator() {
	}

	/**
	 * Validate a registration.
	 * @param registration the registration, possibly {@code null}
	 * @return the violations, empty when the registration is valid
	 */
	public static List<Violation> validate(Registration registration) {
		List<Violation> violations = new ArrayList<>();
		if (registration == null) {
			violations.add(new Violation("body", "a registration is required"));
			return violations;
		}
		if (registration.instanceId() != null && !Names.isInstanceId(registration.instanceId())) {
			violations.add(new Violation("instanceId",
					"must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"));
		}
		if (registration.service() == null || registration.service().isEmpty()) {
			violations.add(new Violation("service", "is required"));
		}
		else if (!Names.isServiceName(registration.service())) {
			violations.add(new Violation("service",
					"'" + registration.service() + "' is not a service name: use at most " + Names.MAX_SERVICE_LENGTH
							+ " lower-case letters, digits and '-', starting and ending with a letter or digit"));
		}
		if (registration.address() == null || registration.address().isEmpty()) {
			violations.add(new Violation("address", "is required"));
		}
		else if (!Names.isAddress(registration.address())) {
			violations.add(new Violation("address", "must be a host name or an IP address"));
		}
		if (registration.port() == null) {
			violations.add(new Violation("port", "is required"));
		}
		else if (registration.port() < 1 || registration.port() > 65535) {
			violations.add(new Violation("port", "must be between 1 and 65535"));
		}
		if (registration.version() == null || registration.version().isEmpty()) {
			violations.add(new Violation("version", "is required"));
		}
		else if (!Names.isLabelValue(registration.version())) {
			violations.add(new Violation("version", labelMessage()));
		}
		if (registration.zone() != null && !Names.isLabelValue(registration.zone())) {
			violations.add(new Violation("zone", labelMessage()));
		}
		validateMetadata(registration.metadata(), violations);
		return violations;
	}

	private static void validateMetadata(Map<String, String> metadata, List<Violation> violations) {
		if (metadata == null) {
			return;
		}
		if (metadata.size() > MAX_METADATA_ENTRIES) {
			violations.add(new Violation("metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries"));
			return;
		}
		metadata.forEach((key, value) -> {
			if (!Names.isMetadataKey(key)) {
				violations.add(new Violation("metadata",
						"key '" + key + "' must be 1-63 letters, digits, '.', '/', '_' or '-'"));
			}
			else if (value == null) {
				violations.add(new Violation("metadata." + key, "must not be null"));
			}
			else if (value.length() > MAX_METADATA_VALUE_LENGTH) {
				violations.add(new Violation("metadata." + key,
						"must be at most " + MAX_METADATA_VALUE_LENGTH + " characters"));
			}
		});
	}

	private static String labelMessage() {
		return "must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
	}

}
